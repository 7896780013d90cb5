"""Drives `jupyter console --kernel KERNEL` in a pseudo-terminal like a user typing, for ConsoleIT.

Usage: python3 console_session.py KERNEL_NAME
Prints everything the console showed; exits 0 when the expected answers appeared and the console
closed cleanly, 1 otherwise (with the reason on the last line).
"""

import sys

import pexpect

TIMEOUT = 60  # seconds per step; the first one includes the JVM start


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
    print("\nconsole_session: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
