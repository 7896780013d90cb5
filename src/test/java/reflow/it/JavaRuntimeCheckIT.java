package reflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Started by a Java runtime without jdk.jshell (a JRE), the jar explains what to install instead of crashing. */
class JavaRuntimeCheckIT {

    @Test
    void jreWithoutJShellGetsOneSentenceAndExitCodeOne(@TempDir Path tmp) {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        Path jre = tmp.resolve("jre");
        ProcessResult link = JupyterSandbox.run(tmp, Map.of(), Duration.ofMinutes(2),
                List.of(jlink.toString(), "--add-modules", "java.base", "--output", jre.toString()));
        assertTrue(link.succeeded(), "could not build a JRE for the test:\n" + link.describe());

        for (List<String> args : List.of(List.of("install", "--prefix", tmp.resolve("p").toString()),
                                         List.of(tmp.resolve("connection.json").toString()))) {
            List<String> command = new java.util.ArrayList<>(List.of(jre.resolve("bin/java").toString(), "-jar",
                    JupyterSandbox.JAR.toString()));
            command.addAll(args);
            ProcessResult run = JupyterSandbox.run(tmp, Map.of(), Duration.ofSeconds(60), command);

            assertEquals(1, run.exitCode(), run.describe());
            String message = run.stderr().strip();
            assertFalse(message.contains("\n"), "expected one line:\n" + run.describe());
            assertTrue(message.contains("jdk.jshell") && message.contains("install a JDK 17"), run.describe());
            assertFalse(Files.exists(tmp.resolve("p")), "nothing may be installed for a JRE");
        }
    }
}
