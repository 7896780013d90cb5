package reflow.kernel;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import reflow.kernel.analysis.CellAnalyzer;
import reflow.kernel.jshell.CellIO;
import reflow.kernel.jshell.JShellBridge;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import reflow.protocol.Channel;
import reflow.protocol.ConnectionInfo;
import reflow.protocol.Json;
import reflow.protocol.KernelServer;
import reflow.protocol.ProtocolWarmUp;
import reflow.protocol.messages.ExecuteRequest;
import reflow.protocol.wire.Message;
import reflow.protocol.wire.MessageSigner;
import reflow.protocol.wire.Session;
import reflow.protocol.wire.WireCodec;

/**
 * Walks the paths a kernel start and its first cells take (connection file, sockets, a client's kernel_info
 * and execute over them, JShell, cell analysis) and exits. The installer runs it under {@code -XX:ArchiveClassesAtExit} so later kernel
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
            // The kernel starts its JShell at the first kernel_info (sent below): this one, so there is only one.
            JavaKernel kernel = new JavaKernel(needed -> starting, "training", ExecutionMode.RELAXED);
            KernelServer server = new KernelServer(connection, kernel);
            Thread serving = new Thread(server::run, "reflow-training-server");
            serving.setDaemon(true);
            serving.start();

            asAClientWould(connection);
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

    /**
     * kernel_info and an execute through the shell socket, as a frontend sends them first: the classes of a
     * ZeroMQ connection (handshake, encoders), of decoding and of the execute path get into the archive too;
     * without them the first client's connection loads and verifies some hundred classes from the jar.
     */
    private static void asAClientWould(ConnectionInfo connection) {
        WireCodec codec = new WireCodec(new MessageSigner(connection.key()));
        Session session = new Session("training");
        try (ZContext context = new ZContext()) {
            ZMQ.Socket shell = context.createSocket(SocketType.DEALER);
            shell.setReceiveTimeOut(30_000);
            shell.connect(connection.endpoint(Channel.SHELL));
            for (Message request : List.of(
                    session.message(List.of(), "kernel_info_request", null, Map.of(), Map.of()),
                    session.message(List.of(), "execute_request", null, Map.of("code", "1 + 1", "silent", false), Map.of()))) {
                List<byte[]> frames = codec.encode(request);
                for (int i = 0; i < frames.size(); i++) {
                    shell.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
                }
                do {
                    if (shell.recv(0) == null) {
                        return; // no reply in time: the archive just covers less
                    }
                } while (shell.hasReceiveMore());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
