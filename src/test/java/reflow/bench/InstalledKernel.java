package reflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import reflow.testing.KernelProcess;

/**
 * Starts the kernel the way the installed kernelspec does (kernelspec/kernel.json): the shaded jar and the
 * same JVM flags, so launch time and memory are what a Jupyter user gets. Without the jar (not packaged
 * yet) it falls back to this JVM's class path and says so.
 */
final class InstalledKernel {
    /** The JVM flags of kernelspec/kernel.json's argv. */
    private static final List<String> KERNELSPEC_FLAGS =
            List.of("-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-XX:-OmitStackTraceInFastThrow");
    /** Extra JVM flags for the kernel, e.g. -Dbench.kernelJvmArgs="-XX:StartFlightRecording=filename=k-%p.jfr". */
    private static final String EXTRA_FLAGS = System.getProperty("bench.kernelJvmArgs", "").strip();
    private static final Path JAR = Path.of(System.getProperty("bench.kernelJar", "target/reflow.jar"));

    private InstalledKernel() {}

    static String describe() {
        String flags = String.join(" ", KERNELSPEC_FLAGS) + (EXTRA_FLAGS.isEmpty() ? "" : " " + EXTRA_FLAGS);
        return Files.isRegularFile(JAR)
                ? "kernel: java " + flags + " -cp " + JAR + " reflow.kernel.Main"
                : "kernel: " + JAR + " not found, so the kernel runs from this JVM's class path (run `mvn package` "
                        + "for installed-like figures)";
    }

    static KernelProcess start(String... kernelArgs) throws IOException {
        KernelProcess.Builder builder = KernelProcess.builder("reflow.kernel.Main")
                .jvmArgs(KERNELSPEC_FLAGS.toArray(String[]::new))
                .args(kernelArgs);
        if (!EXTRA_FLAGS.isEmpty()) {
            builder.jvmArgs(EXTRA_FLAGS.split("\\s+"));
        }
        if (Files.isRegularFile(JAR)) {
            builder.classPath(JAR.toAbsolutePath().toString());
        }
        return builder.start();
    }

    /** The machine's load when a section starts: other processes competing for the cores skew every figure. */
    static String loadAverage() {
        try {
            List<String> fields = new ArrayList<>(List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")));
            return "load average " + String.join(" ", fields.subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }
}
