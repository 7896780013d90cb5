package reflow.kernel.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds a class-data-sharing archive next to an installed kernel jar: the kernel is run once in its
 * training mode under {@code -XX:ArchiveClassesAtExit}, and kernel.json then starts the JVM with
 * {@code -XX:SharedArchiveFile}, which roughly halves the time to the first kernel_info_reply. The archive
 * belongs to this JDK and this jar; if either changes, the JVM ignores it and starts as usual.
 */
final class ClassArchive {
    static final String FILE_NAME = "reflow.jsa";
    private static final long TIMEOUT_SECONDS = 120;

    private ClassArchive() {}

    /** The archive, or empty (with the reason on {@code why}) when the JVM could not make one. */
    static Optional<Path> create(Path javaExecutable, Path jar, List<String> jvmFlags, StringBuilder why) {
        Path archive = jar.resolveSibling(FILE_NAME);
        try {
            Files.deleteIfExists(archive);
            Path log = Files.createTempFile("reflow-class-archive", ".log");
            List<String> command = new java.util.ArrayList<>();
            command.add(javaExecutable.toString());
            command.add("-XX:ArchiveClassesAtExit=" + archive);
            command.addAll(jvmFlags); // the kernel's own flags (GC, ...), so the archive fits how it runs
            command.addAll(List.of("-jar", jar.toString(), "--train-class-archive"));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                why.append("the training run took longer than ").append(TIMEOUT_SECONDS).append(" s");
            } else if (process.exitValue() != 0 || !Files.isRegularFile(archive)) {
                why.append("the training run exited with ").append(process.exitValue()).append(": ")
                        .append(Files.readString(log).strip());
            }
            Files.deleteIfExists(log);
        } catch (IOException e) {
            why.append(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why.append("interrupted");
        }
        return why.length() == 0 && Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
    }
}
