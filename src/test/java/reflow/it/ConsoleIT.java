package reflow.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A user session in {@code jupyter console --kernel reflow}, typed through a pseudo-terminal by
 * src/test/python/console_session.py (pexpect), which also checks that the kernel process exits after
 * the console shuts it down.
 */
class ConsoleIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void typedStatementsShowTheirValueAndOutputAndTheConsoleExitsCleanly() throws IOException {
        try (JupyterSandbox sandbox = JupyterSandbox.withReflowInstalled()) {
            ProcessResult session = sandbox.python(JupyterSandbox.PYTHON_TESTS, TIMEOUT, "console_session.py", "reflow");

            assertTrue(session.succeeded(), "the console session failed:\n" + session.describe());
            assertTrue(session.stdout().matches("(?s).*Out\\[\\d+\\]: 42.*"), session.describe());
            assertTrue(session.stdout().contains("printed by Reflow"), session.describe());
            assertTrue(session.stdout().contains("console_session: kernel process"), session.describe());
        }
    }
}
