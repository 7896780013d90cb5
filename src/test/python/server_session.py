"""Drives a Reflow kernel the way JupyterLab does: through a real jupyter_server, over its websocket
channel (/api/kernels/<id>/channels), with execute requests carrying metadata.cellId like
JupyterLab's CodeCell.execute. Runs three dependent cells, then re-runs the first with a new value and
checks that the downstream cells' outputs are replaced in place, all before the triggering request's idle:
messages are applied to the cell whose request is their parent, as JupyterLab's output areas do (a
finished cell's area keeps listening), with clear_output(wait) clearing at the next output. Prints a
transcript; exit 0 = pass.

usage: server_session.py   (JUPYTER_PATH must show the reflow kernelspec)
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, method="GET", body=None, token=""):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Authorization": "token " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        text = r.read()
        return json.loads(text) if text else None


def execute_message(session, code, cell_id):
    # The shape JupyterLab's services package sends (header version 5.2, subshell_id null).
    return {
        "header": {"msg_id": str(uuid.uuid4()), "msg_type": "execute_request", "session": session,
                   "username": "lab", "date": "", "version": "5.2", "subshell_id": None},
        "parent_header": {}, "channel": "shell", "buffers": [],
        "metadata": {"cellId": cell_id, "deletedCells": [], "recordTiming": False},
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": True, "stop_on_error": True},
    }


async def session_run(base, kernel_id, token):
    ws = await websocket_connect(f"ws://{base}/api/kernels/{kernel_id}/channels?token={token}")
    session = str(uuid.uuid4())
    outputs = {}        # cell id -> [(output type, text)] as its output area shows them
    clear_next = {}     # cell id -> clear_output(wait=True) pending
    cell_of = {}        # msg_id of a cell's last request -> cell id

    def apply(cell_id, m):
        kind, c = m["msg_type"], m["content"]
        rows = outputs.setdefault(cell_id, [])
        if kind == "clear_output":
            if c["wait"]:
                clear_next[cell_id] = True
            else:
                rows.clear()
            return
        if kind not in ("stream", "execute_result", "display_data", "error"):
            return
        if clear_next.pop(cell_id, False):
            rows.clear()
        text = c.get("text") or c.get("data", {}).get("text/plain") or c.get("evalue", "")
        rows.append((kind, text))

    async def run(cell_id, code):
        msg = execute_message(session, code, cell_id)
        for k in [k for k, v in cell_of.items() if v == cell_id]:
            del cell_of[k]
        cell_of[msg["header"]["msg_id"]] = cell_id
        outputs[cell_id] = []
        await ws.write_message(json.dumps(msg))
        messages = []
        reply = None
        idle = False
        deadline = time.time() + 120
        while not (reply and idle):
            raw = await ws.read_message()
            if raw is None or time.time() > deadline:
                raise SystemExit("websocket closed or timed out waiting for " + cell_id)
            m = json.loads(raw)
            parent = m.get("parent_header", {}).get("msg_id")
            if parent != msg["header"]["msg_id"]:
                if parent in cell_of and m["channel"] == "iopub":
                    if idle:
                        raise SystemExit(f"{m['msg_type']} for {cell_of[parent]} arrived after idle")
                    apply(cell_of[parent], m)
                continue
            kind = m["msg_type"]
            if m["channel"] == "shell":
                reply = m
            elif kind == "status" and m["content"]["execution_state"] == "idle":
                idle = True
            else:
                if idle:
                    raise SystemExit(f"{kind} arrived after idle: nbclient and JupyterLab may drop it")
                messages.append(m)
                apply(cell_id, m)
        print(f"{cell_id}: {reply['content']['status']}, " + ", ".join(m["msg_type"] for m in messages))
        return reply, messages

    try:
        await run("lab-a", "int labBase = 2;")
        await run("lab-b", "int labSquare = labBase * labBase;\nlabSquare")
        await run("lab-c", 'System.out.println("square + 1 = " + (labSquare + 1));')
        assert outputs["lab-a"] == [], ("a declaration shows nothing", outputs)
        assert outputs["lab-b"] == [("execute_result", "4")], outputs
        assert outputs["lab-c"] == [("stream", "square + 1 = 5\n")], outputs

        reply, messages = await run("lab-a", "int labBase = 3;")
        assert reply["content"]["status"] == "ok", reply
        assert outputs["lab-b"] == [("execute_result", "9")], outputs
        assert outputs["lab-c"] == [("stream", "square + 1 = 10\n")], outputs
        assert not [m for m in messages if m["msg_type"] in ("execute_result",)], "no execute_result for re-runs"
        assert sum(1 for m in messages if m["msg_type"] == "execute_input") == 1
        report = [m for m in messages if m["msg_type"] in ("display_data", "update_display_data")][-1]
        assert "re-ran 2 of 2" in report["content"]["data"]["text/plain"], report
        print("in place after the edit:", json.dumps({"lab-b": outputs["lab-b"], "lab-c": outputs["lab-c"]}))
        print("report in lab-a:", report["content"]["data"]["text/plain"])
    finally:
        ws.close()


def main():
    port = free_port()
    token = uuid.uuid4().hex
    log = tempfile.TemporaryFile(mode="w+")  # a file, not a pipe: a full pipe would block the server
    server = subprocess.Popen([sys.executable, "-m", "jupyter_server", "--no-browser", f"--port={port}",
                               "--ip=127.0.0.1", "--allow-root", f"--ServerApp.token={token}",
                               "--ServerApp.open_browser=False"],
                              stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"127.0.0.1:{port}"
    try:
        for _ in range(600):
            if server.poll() is not None:
                log.seek(0)
                raise SystemExit("jupyter_server exited:\n" + log.read())
            try:
                request(f"http://{base}/api/status", token=token)
                break
            except OSError:
                time.sleep(0.1)
        kernel = request(f"http://{base}/api/kernels", "POST", {"name": "reflow"}, token)
        print("kernel", kernel["name"], kernel["id"])
        IOLoop.current().run_sync(lambda: session_run(base, kernel["id"], token), timeout=300)
        request(f"http://{base}/api/kernels/{kernel['id']}", "DELETE", token=token)
        print("PASS")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        if os.environ.get("REFLOW_SHOW_SERVER_LOG"):
            log.seek(0)
            print(log.read())


if __name__ == "__main__":
    main()
