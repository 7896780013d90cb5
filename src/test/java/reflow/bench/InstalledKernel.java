package reflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import reflow.protocol.Json;
import reflow.testing.KernelProcess;

/**
 * Starts the kernel the way an installed kernelspec does: target/reflow.jar is installed into a temporary
 * prefix (which also builds its class archive) and run with that kernel.json's jar and JVM flags, so launch
 * time and memory are what a Jupyter user gets. Without the jar (not packaged
 * yet) it falls back to this JVM's class path and says so.
 */
final class InstalledKernel {
    /** Extra JVM flags for the kernel, e.g. -Dbench.kernelJvmArgs="-XX:StartFlightRecording=filename=k-%p.jfr". */
    private static final String EXTRA_FLAGS = System.getProperty("bench.kernelJvmArgs", "").strip();
    private static final Path JAR = Path.of(System.getProperty("bench.kernelJar", "target/reflow.jar"));
    private static Installed installed;

    /** The jar and JVM flags of a kernelspec installed from target/reflow.jar (class archive included). */
    private record Installed(Path jar, List<String> jvmFlags) {}

    private InstalledKernel() {}

    private static synchronized Installed installed() throws IOException {
        if (installed == null && Files.isRegularFile(JAR)) {
            installed = install(JAR);
        }
        return installed;
    }

    /** Installs {@code jar} into a temporary prefix (class archive included); its kernel.json's jar and flags. */
    private static Installed install(Path jarToInstall) throws IOException {
        Path prefix = Files.createTempDirectory("reflow-bench-install");
        try {
            Process install = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jarToInstall.toString(), "install", "--prefix", prefix.toString())
                    .redirectErrorStream(true).redirectOutput(prefix.resolve("install.log").toFile()).start();
            if (install.waitFor() != 0) {
                throw new IOException("install failed: " + Files.readString(prefix.resolve("install.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        JsonNode argv = Json.MAPPER.readTree(prefix.resolve("share/jupyter/kernels/reflow/kernel.json").toFile())
                .path("argv");
        List<String> flags = new ArrayList<>();
        Path jar = null;
        for (int i = 1; i < argv.size(); i++) {
            String word = argv.get(i).asText();
            if (word.equals("-jar")) {
                jar = Path.of(argv.get(i + 1).asText());
                break;
            }
            flags.add(word);
        }
        return new Installed(jar, flags);
    }

    /**
     * Another build's jar installed the same way (e.g. {@code -Dbench.baselineJar=} a jar built from an
     * earlier commit), to be launched alternately with this one as a baseline in the same run.
     */
    static final class Other {
        private final Installed kernel;

        Other(Path jar) throws IOException {
            this.kernel = install(jar);
        }

        KernelProcess start() throws IOException {
            return KernelProcess.builder("reflow.kernel.Main").jvmArgs(kernel.jvmFlags().toArray(String[]::new))
                    .classPath(kernel.jar().toString()).start();
        }
    }

    static String describe() throws IOException {
        Installed kernel = installed();
        if (kernel == null) {
            return "kernel: " + JAR + " not found, so the kernel runs from this JVM's class path (run `mvn package` "
                    + "for installed-like figures)";
        }
        return "kernel: installed kernelspec: java " + String.join(" ", kernel.jvmFlags())
                + (EXTRA_FLAGS.isEmpty() ? "" : " " + EXTRA_FLAGS) + " -cp " + kernel.jar() + " reflow.kernel.Main";
    }

    /** The installed kernelspec's JVM flags (empty when there is no jar to install). */
    static List<String> jvmFlags() throws IOException {
        Installed kernel = installed();
        return kernel == null ? List.of() : kernel.jvmFlags();
    }

    /** The installed jar, or this JVM's class path when there is none. */
    static String jar() throws IOException {
        Installed kernel = installed();
        return kernel == null ? System.getProperty("java.class.path") : kernel.jar().toString();
    }

    static KernelProcess start(String... kernelArgs) throws IOException {
        return start(null, kernelArgs);
    }

    /** The kernel with extra JVM flags of the benchmark's own (e.g. -Dreflow.recompileAll=true for a baseline). */
    static KernelProcess startWithJvmFlags(List<String> jvmFlags, String... kernelArgs) throws IOException {
        return start(null, jvmFlags, kernelArgs);
    }

    /** The same with a Maven settings.xml of the benchmark's own (REFLOW_MAVEN_SETTINGS), when not null. */
    static KernelProcess start(Path mavenSettings, String... kernelArgs) throws IOException {
        return start(mavenSettings, List.of(), kernelArgs);
    }

    private static KernelProcess start(Path mavenSettings, List<String> jvmFlags, String... kernelArgs) throws IOException {
        Installed kernel = installed();
        KernelProcess.Builder builder = KernelProcess.builder("reflow.kernel.Main").args(kernelArgs);
        if (mavenSettings != null) {
            builder.env("REFLOW_MAVEN_SETTINGS", mavenSettings.toString());
        }
        if (kernel != null) {
            builder.jvmArgs(kernel.jvmFlags().toArray(String[]::new)).classPath(kernel.jar().toString());
        }
        if (!EXTRA_FLAGS.isEmpty()) {
            builder.jvmArgs(EXTRA_FLAGS.split("\\s+"));
        }
        builder.jvmArgs(jvmFlags.toArray(String[]::new));
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
