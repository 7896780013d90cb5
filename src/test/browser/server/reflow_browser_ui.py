"""A jupyter_server extension serving the JupyterLab notebook page BrowserIT drives.

GET /reflow-ui?path=NOTEBOOK returns a page that loads the webpack bundle (from the directory named by
$REFLOW_BROWSER_BUNDLE, served under /static/reflow_browser_ui/) with the page config JupyterLab's
packages read (#jupyter-config-data: baseUrl, wsUrl, token, notebookPath). Everything else (contents,
sessions, kernels, the kernel websocket) is jupyter_server's own API.
"""
import json
import os

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.extension.application import ExtensionApp
from jupyter_server.extension.handler import ExtensionHandlerMixin
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.escape import xhtml_escape

PAGE = """<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8">
  <title>{title}</title>
  <script id="jupyter-config-data" type="application/json">{config}</script>
  <script src="{bundle}"></script>
</head>
<body></body>
</html>
"""


class NotebookPageHandler(ExtensionHandlerMixin, JupyterHandler):
    @web.authenticated
    def get(self):
        path = self.get_argument("path")
        config = {
            "baseUrl": self.base_url,
            "wsUrl": "",
            "token": self.token,
            "notebookPath": path,
            "appName": "Reflow browser test",
        }
        # "</" cannot end the script element early inside JSON that is escaped this way.
        config_json = json.dumps(config).replace("</", "<\\/")
        self.finish(PAGE.format(title=xhtml_escape(path), config=config_json,
                                bundle=url_path_join(self.static_url_prefix, "bundle.js")))


class BrowserUiApp(ExtensionApp):
    name = "reflow_browser_ui"
    extension_url = "/reflow-ui"
    load_other_extensions = False
    open_browser = False

    def initialize_settings(self):
        bundle = os.environ.get("REFLOW_BROWSER_BUNDLE")
        if not bundle or not os.path.isfile(os.path.join(bundle, "bundle.js")):
            raise SystemExit(f"REFLOW_BROWSER_BUNDLE must name the built page directory (got {bundle!r})")
        self.static_paths = [bundle]

    def initialize_handlers(self):
        self.handlers.append(("/reflow-ui", NotebookPageHandler))


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": BrowserUiApp}]
