"""Runs a notebook through a Jupyter kernel the way JupyterLab does: every execute_request carries the
cell's id in metadata.cellId, and outputs are applied like a frontend applies them (update_display_data
replaces the output with that display_id in whichever cell shows it). Then it performs the edits that
cells ask for in their metadata ("reflow_demo": {"edit_to": "<new source>"}), re-running each edited
cell, so reactive re-runs show up in place and in the edited cell. Prints a transcript and writes the
executed notebook.

usage: run_notebook.py NOTEBOOK OUTPUT [--kernel NAME]
"""
import argparse
import sys

import nbformat
from jupyter_client.manager import start_new_kernel


class Frontend:
    """Applies IOPub messages to notebook cells as JupyterLab would."""

    def __init__(self, kc):
        self.kc = kc
        self.displays = {}  # display_id -> list of output dicts showing it

    def execute(self, cell):
        content = dict(code=cell.source, silent=False, store_history=True, user_expressions={},
                       allow_stdin=False, stop_on_error=True)
        msg = self.kc.session.msg("execute_request", content)
        msg["metadata"] = {"cellId": cell.id, "recordTiming": False}
        self.kc.shell_channel.send(msg)
        msg_id = msg["header"]["msg_id"]
        cell.outputs = []
        extra = []  # what the kernel showed in this cell about other cells (re-run reports)
        while True:
            m = self.kc.get_iopub_msg(timeout=120)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            kind, c = m["msg_type"], m["content"]
            if kind == "status" and c["execution_state"] == "idle":
                break
            if kind == "execute_input":
                cell.execution_count = c["execution_count"]
            elif kind == "stream":
                cell.outputs.append(nbformat.v4.new_output("stream", name=c["name"], text=c["text"]))
            elif kind in ("display_data", "execute_result"):
                out = nbformat.v4.new_output(kind, data=c["data"], metadata=c.get("metadata", {}),
                                             **({"execution_count": c["execution_count"]} if kind == "execute_result" else {}))
                cell.outputs.append(out)
                display_id = c.get("transient", {}).get("display_id")
                if display_id:
                    for shown in self.displays.get(display_id, []):
                        shown["data"] = c["data"]
                    self.displays.setdefault(display_id, []).append(out)
                else:
                    extra.append(c["data"].get("text/plain", ""))
            elif kind == "update_display_data":
                for shown in self.displays.get(c["transient"]["display_id"], []):
                    shown["data"] = c["data"]
            elif kind == "error":
                cell.outputs.append(nbformat.v4.new_output("error", ename=c["ename"], evalue=c["evalue"],
                                                           traceback=c["traceback"]))
            elif kind == "clear_output":
                cell.outputs = []
        reply = self.kc.get_shell_msg(timeout=30)
        return reply["content"], extra


def text_of(cell):
    parts = []
    for out in cell.outputs:
        if out.output_type == "stream":
            parts.append(out.text.rstrip("\n"))
        elif out.output_type == "error":
            parts.append("\n".join(out.traceback))
        elif "text/plain" in out.get("data", {}):
            parts.append(out.data["text/plain"])
    return "\n".join(p for p in parts if p)


def indent(text):
    return "\n".join("    " + line for line in text.splitlines())


def main():
    args = argparse.ArgumentParser()
    args.add_argument("notebook")
    args.add_argument("output")
    args.add_argument("--kernel", default="reflow")
    a = args.parse_args()
    nb = nbformat.read(a.notebook, as_version=4)
    nbformat.validator.normalize(nb) if hasattr(nbformat.validator, "normalize") else None
    km, kc = start_new_kernel(kernel_name=a.kernel)
    failed = False
    try:
        front = Frontend(kc)
        code_cells = [c for c in nb.cells if c.cell_type == "code"]
        print(f"== Running {len(code_cells)} cells of {a.notebook} with kernel '{a.kernel}' (cell ids sent, as JupyterLab does)")
        for cell in code_cells:
            reply, _ = front.execute(cell)
            print(f"[{cell.execution_count}] {cell.source.splitlines()[0] if cell.source else ''}")
            if text_of(cell):
                print(indent(text_of(cell)))
            if reply["status"] != "ok" and "raises-exception" not in cell.metadata.get("tags", []):
                failed = True
        for cell in code_cells:
            edit = cell.metadata.get("reflow_demo", {}).get("edit_to")
            if edit is None:
                continue
            print(f"\n== Editing a cell to `{edit}` and running it again: its dependents re-run by themselves")
            cell.source = edit
            reply, extra = front.execute(cell)
            print(f"[{cell.execution_count}] {edit}")
            for report in extra:
                print(indent(report))
            if reply["status"] != "ok":
                failed = True
        print("\n== Final outputs, updated in place:")
        for cell in code_cells:
            print(f"[{cell.execution_count}] {cell.source.splitlines()[0] if cell.source else ''}")
            if text_of(cell):
                print(indent(text_of(cell)))
        nbformat.write(nb, a.output)
        print(f"\nwrote {a.output}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
