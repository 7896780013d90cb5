package reflow;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** protocol/ is the wire layer; the kernel builds on it, never the reverse. */
class ArchitectureTest {
    private static final Pattern KERNEL_IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?reflow\\.kernel\\b",
            Pattern.MULTILINE);

    @Test
    void protocolNeverImportsTheKernel() throws IOException {
        Path root = Path.of("protocol/src");
        assertTrue(Files.isDirectory(root), "run from the project root; " + root.toAbsolutePath() + " is missing");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(ArchitectureTest::importsKernel)
                    .map(Path::toString)
                    .toList();
        }
        assertEquals(List.of(), offenders, "protocol/ must not import reflow.kernel (move the shared type into "
                + "reflow.protocol or pass it through KernelHandler); offending files");
    }

    private static boolean importsKernel(Path file) {
        try {
            return KERNEL_IMPORT.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
