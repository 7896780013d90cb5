"""Drives `jupyter console --kernel KERNEL` in a pseudo-terminal like a user typing, for ConsoleIT.

Usage: python3 console_session.py KERNEL_NAME
Prints everything the console showed; exits 0 when the expected answers appeared and the console
closed cleanly, 1 otherwise (with the reason on the last line).
"""

import os
import sys
import time

import pexpect

TIMEOUT = 60  # seconds per step; the first one includes the JVM start
KERNEL_EXIT_TIMEOUT = 20  # seconds the kernel may take to exit after the console asked it to shut down


def child_pids(pid):
    """Processes whose parent is pid (Linux /proc): the kernel the console started."""
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as stat:
                fields = stat.read().rsplit(")", 1)[1].split()  # the name in (...) may contain spaces
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(entry))
    return children


def running(pid):
    try:
        with open("/proc/%d/stat" % pid) as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for_exit(pids):
    deadline = time.monotonic() + KERNEL_EXIT_TIMEOUT
    while time.monotonic() < deadline:
        if not any(running(pid) for pid in pids):
            return []
        time.sleep(0.2)
    return [pid for pid in pids if running(pid)]


def main(kernel_name):
    console = pexpect.spawn(
        sys.executable,
        ["-m", "jupyter_console", "--kernel", kernel_name, "--simple-prompt"],
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 200),
    )
    console.logfile_read = sys.stdout
    try:
        console.expect(r"In \[\d+\]: ")
        kernel_pids = child_pids(console.pid)
        console.sendline("int x = 6 * 7;")
        console.expect(r"In \[\d+\]: ")
        console.sendline("x")
        console.expect(r"Out\[\d+\]: 42")
        console.expect(r"In \[\d+\]: ")
        console.sendline('System.out.println("printed by " + "Reflow");')
        console.expect("printed by Reflow")
        console.expect(r"In \[\d+\]: ")
        console.sendeof()
        if console.expect([r"Do you really want to exit", pexpect.EOF]) == 0:
            console.sendline("y")
            console.expect(pexpect.EOF)
    except (pexpect.TIMEOUT, pexpect.EOF) as e:
        print("\nconsole_session: the console did not show what was expected: %s" % type(e).__name__)
        console.close(force=True)
        return 1
    console.close()
    if console.exitstatus != 0:
        print("\nconsole_session: the console exited with status %s" % console.exitstatus)
        return 1
    if not kernel_pids:
        print("\nconsole_session: could not find the kernel process of the console")
        return 1
    still_running = wait_for_exit(kernel_pids)
    if still_running:
        print("\nconsole_session: kernel process %s still running %d s after the console exited"
              % (still_running, KERNEL_EXIT_TIMEOUT))
        for pid in still_running:
            os.kill(pid, 9)
        return 1
    print("\nconsole_session: kernel process %s exited" % kernel_pids)
    print("console_session: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
