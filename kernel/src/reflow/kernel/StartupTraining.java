package reflow.kernel;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import reflow.kernel.analysis.CellAnalyzer;
import reflow.kernel.jshell.CellIO;
import reflow.kernel.jshell.JShellBridge;
import reflow.protocol.ConnectionInfo;
import reflow.protocol.Json;
import reflow.protocol.KernelServer;
import reflow.protocol.ProtocolWarmUp;
import reflow.protocol.messages.ExecuteRequest;

/**
 * Walks the paths a kernel start and its first cells take (connection file, sockets, messages, JShell,
 * cell analysis) and exits. The installer runs it under {@code -XX:ArchiveClassesAtExit} so later kernel
 * starts map these classes from a class-data-sharing archive instead of loading and verifying them: on
 * 2 cores that takes launch-to-kernel_info_reply from about 0.9 s to about 0.5 s.
 */
final class StartupTraining {
    private StartupTraining() {}

    static void run() throws Exception {
        Path directory = Files.createTempDirectory("reflow-training");
        try {
            Path connectionFile = directory.resolve("kernel.json");
            ConnectionInfo template = new ConnectionInfo("tcp", "127.0.0.1", freePort(), freePort(), freePort(),
                    freePort(), freePort(), UUID.randomUUID().toString(), ConnectionInfo.HMAC_SHA256, "training");
            Json.MAPPER.writeValue(connectionFile.toFile(), template);
            ConnectionInfo connection = ConnectionInfo.read(connectionFile);

            ProtocolWarmUp.start(() -> KernelInfo.reply(""));
            CompletableFuture<JShellBridge> starting = JShellBridge.startAsync();
            // The kernel starts its JShell once its sockets are bound: this one, so there is only one.
            JavaKernel kernel = new JavaKernel(needed -> starting, "training", ExecutionMode.RELAXED);
            KernelServer server = new KernelServer(connection, kernel);
            Thread serving = new Thread(server::run, "reflow-training-server");
            serving.setDaemon(true);
            serving.start();

            Json.MAPPER.writeValueAsBytes(kernel.kernelInfo());
            Json.MAPPER.readValue("{\"code\":\"1 + 1\",\"silent\":false}", ExecuteRequest.class);
            new CellAnalyzer().analyze("int x = 1;\nint twice(int v) { return 2 * v; }\nrecord P(int a) {}\ntwice(x)");
            JShellBridge bridge = starting.join();
            bridge.evaluate("int trainingValue = 1;\nSystem.out.println(trainingValue + 1);\n\"x\".length()", CellIO.DISCARD);
            bridge.complete("Integer.MAX_", 12);
            bridge.close();
            server.stop();
            serving.join(2000);
        } finally {
            try (var files = Files.list(directory)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(directory);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
