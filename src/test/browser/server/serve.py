"""Starts jupyter_server with only the reflow_browser_ui extension; arguments are ServerApp options."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reflow_browser_ui import BrowserUiApp  # noqa: E402

if __name__ == "__main__":
    BrowserUiApp.launch_instance()
