package reflow.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A user session in {@code jupyter console --kernel reflow}, typed through a pseudo-terminal (pexpect). */
class ConsoleIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void typedStatementsShowTheirValueAndOutputAndTheConsoleExitsCleanly() throws IOException {
        try (JupyterSandbox sandbox = JupyterSandbox.withReflowInstalled()) {
            ProcessResult session = sandbox.python(JupyterSandbox.PYTHON_TESTS, TIMEOUT, "console_session.py", "reflow");

            assertTrue(session.succeeded(), "the console session failed:\n" + session.describe());
            assertTrue(session.stdout().matches("(?s).*Out\\[\\d+\\]: 42.*"), session.describe());
            assertTrue(session.stdout().contains("printed by Reflow"), session.describe());
            // A clean shutdown removes the kernel's connection file; a killed or hung kernel leaves it.
            List<String> leftovers;
            try (Stream<java.nio.file.Path> files = Files.exists(sandbox.runtimeDir)
                    ? Files.list(sandbox.runtimeDir) : Stream.empty()) {
                leftovers = files.map(path -> path.getFileName().toString())
                        .filter(name -> name.startsWith("kernel-")).toList();
            }
            assertTrue(leftovers.isEmpty(), "kernel connection files left behind: " + leftovers + "\n" + session.describe());
        }
    }
}
