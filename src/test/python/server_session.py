"""Drives a Reflow kernel the way JupyterLab does: through a real jupyter_server, over its websocket
channel (/api/kernels/<id>/channels), with execute requests carrying metadata.cellId like
JupyterLab's CodeCell.execute. Runs three dependent cells, then re-runs the first with a new value and
checks that the downstream cells' outputs are updated in place (update_display_data with the display ids
their own runs published), all before the triggering request's idle. Prints a transcript; exit 0 = pass.

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
    shown = {}          # display_id -> text/plain currently shown
    owner = {}          # display_id -> cell id that first displayed it

    async def run(cell_id, code):
        msg = execute_message(session, code, cell_id)
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
            if m.get("parent_header", {}).get("msg_id") != msg["header"]["msg_id"]:
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
                display_id = m["content"].get("transient", {}).get("display_id")
                if display_id and kind in ("display_data", "update_display_data"):
                    shown[display_id] = m["content"]["data"].get("text/plain", "")
                    owner.setdefault(display_id, cell_id)
        print(f"{cell_id}: {reply['content']['status']}, " + ", ".join(m["msg_type"] for m in messages))
        return reply, messages

    try:
        await run("lab-a", "int labBase = 2;")
        await run("lab-b", "int labSquare = labBase * labBase;\nlabSquare")
        await run("lab-c", 'System.out.println("square + 1 = " + (labSquare + 1));')
        slot_b = next(d for d, c in owner.items() if c == "lab-b")
        slot_c = next(d for d, c in owner.items() if c == "lab-c")
        assert shown[slot_b] == "4", shown
        assert "square + 1 = 5" in shown[slot_c], shown

        reply, messages = await run("lab-a", "int labBase = 3;")
        assert reply["content"]["status"] == "ok", reply
        updates = [m for m in messages if m["msg_type"] == "update_display_data"]
        updated_ids = {m["content"]["transient"]["display_id"] for m in updates}
        assert {slot_b, slot_c} <= updated_ids, (updated_ids, slot_b, slot_c)
        assert shown[slot_b].endswith("9"), shown[slot_b]
        assert "square + 1 = 10" in shown[slot_c], shown[slot_c]
        assert not [m for m in messages if m["msg_type"] in ("execute_result",)], "no execute_result for re-runs"
        assert sum(1 for m in messages if m["msg_type"] == "execute_input") == 1
        print("in place after the edit:", json.dumps({"lab-b": shown[slot_b], "lab-c": shown[slot_c]}))
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
