package reflow.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The JDK 25 the suite also runs kernels on; .ci/run sets REFLOW_JDK25 to the one it found or installed. */
public final class Jdk25 {
    private Jdk25() {}

    public static final Path HOME = Path.of(System.getenv().getOrDefault("REFLOW_JDK25",
            "/usr/lib/jvm/temurin-25-jdk-amd64"));

    /** Fails (never skips) when the JDK is missing, so a green run always means JDK 25 was tested. */
    public static Path require() {
        assertTrue(Files.isExecutable(HOME.resolve("bin/java")),
                "no JDK 25 at " + HOME + ": install one or set REFLOW_JDK25 (.ci/run does), so JDK 25 is really tested");
        return HOME;
    }
}
