package reflow.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import reflow.protocol.ConnectionInfo;
import reflow.protocol.Json;

/**
 * ipykernel (/usr/bin/python3 -m ipykernel_launcher) as a baseline in the same run: the most used kernel,
 * driven by the same client as Reflow, so both are measured the same way under the same load.
 */
final class IpyKernel implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final Path directory;
    private final ConnectionInfo info;
    private final long spawnedAtNanos;

    private IpyKernel(Process process, Path directory, ConnectionInfo info, long spawnedAtNanos) {
        this.process = process;
        this.directory = directory;
        this.info = info;
        this.spawnedAtNanos = spawnedAtNanos;
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import ipykernel").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static IpyKernel start() throws IOException {
        Path dir = Files.createTempDirectory("reflow-bench-ipykernel");
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", freePort(), freePort(), freePort(), freePort(),
                freePort(), UUID.randomUUID().toString(), ConnectionInfo.HMAC_SHA256, "bench");
        Path file = dir.resolve("kernel.json");
        Json.MAPPER.writeValue(file.toFile(), info);
        long spawned = System.nanoTime();
        Process p = new ProcessBuilder(PYTHON, "-m", "ipykernel_launcher", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new IpyKernel(p, dir, info, spawned);
    }

    ConnectionInfo connectionInfo() {
        return info;
    }

    long spawnedAtNanos() {
        return spawnedAtNanos;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(directory)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.deleteIfExists(directory);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
