package reflow.it;

import java.util.List;

/** What a finished (or timed-out) client process printed, ready to go into an assertion message. */
record ProcessResult(List<String> command, int exitCode, boolean timedOut, String stdout, String stderr) {

    boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** The command, how it ended and all it printed: the message of any failing assertion about it. */
    String describe() {
        return "$ " + String.join(" ", command) + "\n"
                + (timedOut ? "TIMED OUT (process tree killed)" : "exit code " + exitCode) + "\n"
                + "--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
    }
}
