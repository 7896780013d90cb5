package reflow.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Jupyter installation for one test class: the kernelspecs from {@code target/reflow.jar}
 * installed with {@code --prefix} into a temporary directory, and Jupyter clients run with JUPYTER_PATH,
 * data, config and runtime directories pointing into it, so neither the user's kernels nor their
 * configuration take part and nothing is left behind.
 *
 * <p>Clients run on {@code $REFLOW_PYTHON}, default {@code /usr/bin/python3}: the interpreter that has
 * jupyter_client, nbconvert, jupyter_console, jupyter_kernel_test and pexpect (Debian packages), which is
 * not necessarily the first {@code python3} on PATH.
 */
final class JupyterSandbox implements AutoCloseable {
    static final Path BASEDIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path JAR = BASEDIR.resolve("target").resolve("reflow.jar");
    static final Path PYTHON_TESTS = BASEDIR.resolve("src").resolve("test").resolve("python");
    static final String PYTHON = System.getenv().getOrDefault("REFLOW_PYTHON", "/usr/bin/python3");
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    final Path root;
    final Path prefix;
    final Path kernels;
    final Path runtimeDir;
    final ProcessResult installation;

    private JupyterSandbox(Path root, ProcessResult installation) {
        this.root = root;
        this.prefix = root.resolve("prefix");
        this.kernels = prefix.resolve("share").resolve("jupyter").resolve("kernels");
        this.runtimeDir = root.resolve("runtime");
        this.installation = installation;
    }

    /** A sandbox with both Reflow kernelspecs installed by {@code java -jar target/reflow.jar install --prefix}. */
    static JupyterSandbox withReflowInstalled() throws IOException {
        assertTrue(Files.isRegularFile(JAR), "no " + JAR + ": integration tests run after `mvn package`");
        Path root = Files.createTempDirectory("reflow-it-");
        Path prefix = root.resolve("prefix");
        ProcessResult install = run(root, Map.of(), Duration.ofSeconds(240),
                List.of(JAVA, "-jar", JAR.toString(), "install", "--prefix", prefix.toString()));
        JupyterSandbox sandbox = new JupyterSandbox(root, install);
        assertTrue(install.succeeded(), "installing the kernelspecs failed:\n" + install.describe());
        return sandbox;
    }

    /** Environment that makes Jupyter see only this sandbox's kernelspecs. */
    Map<String, String> jupyterEnvironment() {
        return Map.of(
                "JUPYTER_PATH", prefix.resolve("share").resolve("jupyter").toString(),
                "JUPYTER_DATA_DIR", root.resolve("data").toString(),
                "JUPYTER_CONFIG_DIR", root.resolve("config").toString(),
                "JUPYTER_RUNTIME_DIR", runtimeDir.toString(),
                "PYTHONDONTWRITEBYTECODE", "1");
    }

    /** Runs {@code $REFLOW_PYTHON args...} in {@code workDir} with the sandbox's Jupyter environment. */
    ProcessResult python(Path workDir, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(PYTHON);
        command.addAll(List.of(args));
        return run(workDir, jupyterEnvironment(), timeout, command);
    }

    /** Runs a command; on timeout the whole process tree (clients and the kernels they started) is killed. */
    static ProcessResult run(Path workDir, Map<String, String> extraEnvironment, Duration timeout,
                             List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().putAll(extraEnvironment);
        try {
            Process process = builder.start();
            process.getOutputStream().close(); // clients must never wait for our stdin
            CompletableFuture<String> stdout = readFully(process.getInputStream());
            CompletableFuture<String> stderr = readFully(process.getErrorStream());
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            return new ProcessResult(command, finished ? process.exitValue() : -1, !finished,
                    stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static CompletableFuture<String> readFully(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<could not read: " + e + ">";
            }
        });
    }

    @Override
    public void close() throws IOException {
        if (System.getenv("REFLOW_KEEP_IT_SANDBOX") != null) {
            System.out.println("kept sandbox " + root);
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
