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
    """Applies IOPub messages to notebook cells as JupyterLab 4 does: a message goes to the cell whose
    request is its parent (a finished cell keeps listening until it runs again, which is how a reactive
    re-run replaces a downstream cell's output), clear_output(wait) clears at the next output, and
    update_display_data replaces the display_data outputs that showed that display id."""

    def __init__(self, kc):
        self.kc = kc
        self.cell_of = {}    # msg_id of a cell's last request -> cell
        self.displays = {}   # display_id -> list of output dicts showing it
        self.clear_next = {}  # cell id -> a clear_output(wait=True) is pending

    def execute(self, cell):
        content = dict(code=cell.source, silent=False, store_history=True, user_expressions={},
                       allow_stdin=False, stop_on_error=True)
        msg = self.kc.session.msg("execute_request", content)
        msg["metadata"] = {"cellId": cell.id, "recordTiming": False, "deletedCells": []}
        self.kc.shell_channel.send(msg)
        msg_id = msg["header"]["msg_id"]
        self.cell_of = {k: v for k, v in self.cell_of.items() if v is not cell}
        self.cell_of[msg_id] = cell
        cell.outputs = []
        touched = []  # other cells this request changed (re-runs), in order
        while True:
            m = self.kc.get_iopub_msg(timeout=120)
            parent = m["parent_header"].get("msg_id")
            target = self.cell_of.get(parent)
            if target is None:
                continue
            kind, c = m["msg_type"], m["content"]
            if parent == msg_id and kind == "status" and c["execution_state"] == "idle":
                break
            if target is not cell and target not in touched:
                touched.append(target)
            self.apply(target, kind, c)
        reply = self.kc.get_shell_msg(timeout=30)
        return reply["content"], touched

    def add(self, cell, out):
        if self.clear_next.pop(cell.id, False):
            cell.outputs = []
        cell.outputs.append(out)

    def apply(self, cell, kind, c):
        if kind == "execute_input":
            cell.execution_count = c["execution_count"]
        elif kind == "stream":
            self.add(cell, nbformat.v4.new_output("stream", name=c["name"], text=c["text"]))
        elif kind in ("display_data", "execute_result"):
            out = nbformat.v4.new_output(kind, data=c["data"], metadata=c.get("metadata", {}),
                                         **({"execution_count": c["execution_count"]} if kind == "execute_result" else {}))
            display_id = c.get("transient", {}).get("display_id")
            if display_id and kind == "display_data":
                for shown in self.displays.get(display_id, []):
                    shown["data"] = c["data"]
                self.displays.setdefault(display_id, []).append(out)
            self.add(cell, out)
        elif kind == "update_display_data":
            for shown in self.displays.get(c["transient"]["display_id"], []):
                shown["data"] = c["data"]
        elif kind == "error":
            self.add(cell, nbformat.v4.new_output("error", ename=c["ename"], evalue=c["evalue"],
                                                  traceback=c["traceback"]))
        elif kind == "clear_output":
            if c.get("wait"):
                self.clear_next[cell.id] = True
            else:
                cell.outputs = []


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
            reply, touched = front.execute(cell)
            print(f"[{cell.execution_count}] {edit}")
            if text_of(cell):
                print(indent(text_of(cell)))
            for other in touched:
                print(f"  updated in place: [{other.execution_count}] {other.source.splitlines()[0]}")
                if text_of(other):
                    print(indent(indent(text_of(other))))
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
