package reflow.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import reflow.testing.KernelspecFlags;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and one worker, each its own JVM started from the
 * resolved Spark jars, the worker launching executor JVMs for applications. Spark's launcher wants a
 * distribution, so the cluster lays out a minimal SPARK_HOME: {@code jars/} (links to the resolved jars)
 * and an empty {@code RELEASE} file (without it the launcher looks for build directories). {@link #close()}
 * stops the worker's executors, the worker and the master, also when a test failed half-way.
 */
final class SparkStandalone implements AutoCloseable {
    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private final Thread killOnExit = new Thread(this::close, "kill-spark-cluster");
    final int masterPort;
    final Path masterLog;
    final Path workerLog;

    private SparkStandalone(Path home, int masterPort) {
        this.home = home;
        this.masterPort = masterPort;
        this.masterLog = home.resolve("master.log");
        this.workerLog = home.resolve("worker.log");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    static SparkStandalone start(List<Path> jars, Path dir, int cores) throws Exception {
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        Files.createFile(home.resolve("RELEASE"));
        for (Path jar : jars) {
            Files.createSymbolicLink(home.resolve("jars").resolve(jar.getFileName()), jar);
        }
        SparkStandalone cluster = new SparkStandalone(home, freePort());
        try {
            cluster.launch(cluster.masterLog, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", String.valueOf(cluster.masterPort), "--webui-port", String.valueOf(freePort()));
            cluster.awaitLine(cluster.masterLog, "I have been elected leader", Duration.ofMinutes(3));
            cluster.launch(cluster.workerLog, "org.apache.spark.deploy.worker.Worker", cluster.masterUrl(),
                    "--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", "2g",
                    "--webui-port", String.valueOf(freePort()), "--work-dir", home.resolve("work").toString());
            cluster.awaitLine(cluster.workerLog, "Successfully registered with master", Duration.ofMinutes(3));
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    private void launch(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(KernelspecFlags.OPENS); // Spark's own list for Java 17+, as the kernel runs with
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(home.resolve("jars") + "/*");
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        processes.add(builder.start());
    }

    /** Waits until the log has the line; fails with the log when the process died or time ran out. */
    private void awaitLine(Path log, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Process process = processes.get(processes.size() - 1);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("Spark process exited (" + process.exitValue() + ") before `" + text + "`:\n"
                        + Files.readString(log));
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no `" + text + "` within " + timeout + ":\n" + Files.readString(log));
    }

    /** Executor JVMs the worker started for applications, now running. */
    List<ProcessHandle> executors() {
        List<ProcessHandle> executors = new ArrayList<>();
        for (Process p : processes) {
            p.descendants().filter(ProcessHandle::isAlive).forEach(executors::add);
        }
        return executors;
    }

    String logs() {
        StringBuilder out = new StringBuilder();
        for (Path log : List.of(masterLog, workerLog)) {
            try {
                out.append("--- ").append(log.getFileName()).append(" ---\n").append(Files.readString(log));
            } catch (IOException e) {
                out.append("(no ").append(log).append(")\n");
            }
        }
        return out.toString();
    }

    @Override
    public synchronized void close() {
        for (int i = processes.size() - 1; i >= 0; i--) { // worker (and its executors) first
            Process p = processes.get(i);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException exiting) {
            // already in the hook
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
