package reflow.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import reflow.testing.KernelspecFlags;

/**
 * A real Spark Connect server on 127.0.0.1, its own JVM started from resolved jars (Spark's
 * {@code SparkConnectServer} main class over spark-sql, spark-connect and spark-mllib, in local mode with
 * two task slots). Spark's launcher is not involved, so its settings are system properties (the main class
 * reads no --conf). spark-mllib is there because the server's session release touches its ML cache: without
 * it, closing a session fails on the server with NoClassDefFoundError. {@link #close()} kills the JVM, also
 * when a test failed half-way.
 */
final class SparkConnectServer implements AutoCloseable {
    static final String SERVER = "org.apache.spark:spark-connect_2.13:" + SparkJars.VERSION;
    static final String MLLIB = "org.apache.spark:spark-mllib_2.13:" + SparkJars.VERSION;

    private final Thread killOnExit = new Thread(this::close, "kill-spark-connect-server");
    private Process process;
    final int port;
    final Path log;

    private SparkConnectServer(int port, Path log) {
        this.port = port;
        this.log = log;
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    String url() {
        return "sc://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    static SparkConnectServer start(Path dir) throws Exception {
        List<Path> jars = SparkJars.resolve(SparkJars.COORDINATES, SERVER, MLLIB);
        SparkConnectServer server = new SparkConnectServer(freePort(), dir.resolve("connect-server.log"));
        try {
            server.launch(jars, dir);
            server.awaitLine("Spark Connect server started at", Duration.ofMinutes(3));
            return server;
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
    }

    private void launch(List<Path> jars, Path dir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(KernelspecFlags.OPENS); // Spark's own list for Java 17+, as the kernel runs with
        command.add("-Dio.netty.tryReflectionSetAccessible=true");
        command.add("-Xmx768m");
        command.add("-Dspark.master=local[2]");
        command.add("-Dspark.connect.grpc.binding.address=127.0.0.1");
        command.add("-Dspark.connect.grpc.binding.port=" + port);
        command.add("-Dspark.ui.enabled=false");
        command.add("-Dspark.driver.host=127.0.0.1");
        command.add("-Dspark.driver.bindAddress=127.0.0.1");
        command.add("-Dspark.local.dir=" + dir.resolve("spark-local"));
        command.add("-cp");
        command.add(jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add("org.apache.spark.sql.connect.service.SparkConnectServer");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        process = builder.start();
    }

    /** Waits until the log has the line; fails with the log when the server died or time ran out. */
    void awaitLine(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the Spark Connect server exited (" + process.exitValue() + ") before `" + text
                        + "`:\n" + Files.readString(log));
            }
            process.waitFor(200, TimeUnit.MILLISECONDS); // a log file has nothing to wait on
        }
        throw new AssertionError("no `" + text + "` within " + timeout + ":\n" + Files.readString(log));
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no " + log + ")";
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException exiting) {
            // already in the hook
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
