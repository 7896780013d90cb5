package reflow.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import reflow.protocol.ConnectionInfo;
import reflow.protocol.Json;

/**
 * A kernel in a child JVM, as Jupyter runs it: a connection file with free ports and a key, then
 * {@code java -cp <test class path> <mainClass> <connection file>}. Stderr goes to a file ({@link #stderr()})
 * that is worth printing when a test fails. {@link #close()} kills the process.
 *
 * <pre>{@code
 * try (KernelProcess kernel = KernelProcess.builder("reflow.testing.EchoKernel").start();
 *      KernelClient client = kernel.connect()) { ... }
 * }</pre>
 */
public final class KernelProcess implements AutoCloseable {
    private final Process process;
    /** True when {@link #process} is a launcher whose child is the kernel. */
    private final boolean launched;
    private ProcessHandle kernel;
    private final ConnectionInfo connectionInfo;
    private final Path connectionFile;
    private final Path stderrFile;
    private final Path directory;
    private final long spawnedAtNanos;
    /** Kills the kernel if the test JVM exits without close(): orphaned kernels would hold ports and CPU. */
    private final Thread killOnExit;

    private KernelProcess(Process process, boolean launched, long spawnedAtNanos, ConnectionInfo info,
                          Path connectionFile, Path stderrFile, Path directory) {
        this.process = process;
        this.launched = launched;
        this.spawnedAtNanos = spawnedAtNanos;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-kernel-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
        this.connectionInfo = info;
        this.connectionFile = connectionFile;
        this.stderrFile = stderrFile;
        this.directory = directory;
    }

    public static Builder builder(String mainClass) {
        return new Builder(mainClass);
    }

    /** Starts {@code mainClass} with defaults: random key, current JVM, no extra arguments. */
    public static KernelProcess start(String mainClass) throws IOException {
        return builder(mainClass).start();
    }

    public static final class Builder {
        private final String mainClass;
        private String key = UUID.randomUUID().toString();
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> programArgs = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> launcher = new ArrayList<>();
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private String classPath = System.getProperty("java.class.path");

        private Builder(String mainClass) {
            this.mainClass = mainClass;
        }

        /** The signing key; "" turns signing off. Default: a random UUID. */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder jvmArgs(String... args) {
            jvmArgs.addAll(List.of(args));
            return this;
        }

        /**
         * A command that starts the kernel's command line (appended to it) as its child, e.g.
         * {@code sh -c '"$@" & wait' sh}: then {@link #process()} is that intermediate process and
         * {@link #kernelHandle()} the kernel.
         */
        public Builder launcher(String... command) {
            launcher.addAll(List.of(command));
            return this;
        }

        /** Arguments for the kernel's main, placed before the connection file (e.g. "--mode", "strict"). */
        public Builder args(String... args) {
            programArgs.addAll(List.of(args));
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** The JDK or JRE whose bin/java runs the kernel. Default: the JVM running the tests. */
        public Builder javaHome(Path home) {
            this.javaHome = home;
            return this;
        }

        /** Default: this JVM's class path (test classes, main classes and dependencies). */
        public Builder classPath(String classPath) {
            this.classPath = classPath;
            return this;
        }

        public KernelProcess start() throws IOException {
            Path directory = Files.createTempDirectory("reflow-kernel-");
            int[] ports = freePorts(5);
            ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3],
                    ports[4], key, ConnectionInfo.HMAC_SHA256, "test");
            Path connectionFile = directory.resolve("kernel.json");
            Json.MAPPER.writeValue(connectionFile.toFile(), info);
            Path stderrFile = directory.resolve("stderr.txt");

            List<String> command = new ArrayList<>(launcher);
            command.add(javaHome.resolve("bin").resolve("java").toString());
            command.addAll(KernelspecFlags.OPENS); // as installed kernels run
            command.addAll(jvmArgs);
            command.add("-cp");
            command.add(classPath);
            command.add(mainClass);
            command.addAll(programArgs);
            command.add(connectionFile.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(stderrFile.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.txt").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            long spawnedAt = System.nanoTime();
            return new KernelProcess(builder.start(), !launcher.isEmpty(), spawnedAt, info, connectionFile,
                    stderrFile, directory);
        }
    }

    /**
     * Distinct free ports below the OS's ephemeral range (Linux: 32768-60999). A port the OS hands out for
     * "any free port" is released before the kernel binds it, and under load another process's outgoing
     * connection could be given the same ephemeral port in between ("Address already in use"); ports below
     * that range are handed to no one automatically, so only another explicit bind could take them.
     */
    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        java.util.Random random = new java.util.Random();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = null;
                for (int attempt = 0; attempt < 200 && socket == null; attempt++) {
                    socket = tryBind(LOW_PORTS_FROM + random.nextInt(LOW_PORTS_TO - LOW_PORTS_FROM));
                }
                if (socket == null) {
                    socket = new ServerSocket(0); // the low range is crowded: fall back to the OS's choice
                }
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static final int LOW_PORTS_FROM = 20_000;
    private static final int LOW_PORTS_TO = 32_000;

    private static ServerSocket tryBind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(false);
            socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return socket;
        } catch (IOException taken) {
            return null;
        }
    }

    /** A client connected to this kernel and ready (see {@link KernelClient#awaitReady(Duration)}). */
    public KernelClient connect() {
        return connect(Duration.ofSeconds(30));
    }

    public KernelClient connect(Duration readyTimeout) {
        KernelClient client = KernelClient.connect(connectionInfo);
        try {
            client.awaitReady(readyTimeout);
            return client;
        } catch (RuntimeException | Error e) {
            client.close();
            throw new AssertionError(e.getMessage() + "\nkernel stderr:\n" + stderr(), e);
        }
    }

    public ConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    public Path connectionFile() {
        return connectionFile;
    }

    public Path stderrFile() {
        return stderrFile;
    }

    /** Everything the kernel wrote to stderr so far. */
    public String stderr() {
        try {
            return Files.exists(stderrFile) ? Files.readString(stderrFile) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link System#nanoTime()} just before the process was spawned: the zero for start-up timings. */
    public long spawnedAtNanos() {
        return spawnedAtNanos;
    }

    public Process process() {
        return process;
    }

    /**
     * The kernel's own process: {@link #process()}, or the launcher's java child (call it once the kernel
     * is up, e.g. after {@link #connect()}; it is remembered, so {@link #close()} kills it too).
     */
    public synchronized ProcessHandle kernelHandle() {
        if (kernel == null) {
            kernel = !launched ? process.toHandle() : process.descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("java"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the launcher has no java child (yet)"));
        }
        return kernel;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit by itself; returns its exit code, or null if it is still running. */
    public Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** Kills the kernel (and its children) if still running and removes the connection file. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook is running or about to; it kills the process itself
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        synchronized (this) {
            if (kernel != null) {
                kernel.destroyForcibly(); // an orphan is no longer among the launcher's descendants
            }
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(connectionFile);
        } catch (IOException ignored) {
            // a leftover temp file is harmless; the stderr file stays for post-mortems
        }
    }

    @Override
    public String toString() {
        return "kernel pid " + process.pid() + " (" + directory + ")";
    }
}
