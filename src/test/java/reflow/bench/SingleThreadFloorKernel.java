package reflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import reflow.protocol.Channel;
import reflow.protocol.ConnectionInfo;
import reflow.protocol.wire.Message;
import reflow.protocol.wire.MessageSigner;
import reflow.protocol.wire.Session;
import reflow.protocol.wire.WireCodec;

/**
 * The floor of the protocol path, for {@link ProtocolBenchmark}: one thread receives a shell request,
 * verifies and decodes it, publishes busy, replies and publishes idle, with the same codec as the kernel
 * but no worker thread, no outbox and no handler. What the real kernel costs beyond this is its threads.
 */
public final class SingleThreadFloorKernel {
    public static void main(String[] args) throws Exception {
        ConnectionInfo info = ConnectionInfo.read(Path.of(args[0]));
        WireCodec codec = new WireCodec(new MessageSigner(info.key()));
        Session session = new Session("floor");
        try (ZMQ.Context context = ZMQ.context(1)) {
            ZMQ.Socket shell = context.socket(SocketType.ROUTER);
            shell.bind(info.endpoint(Channel.SHELL));
            ZMQ.Socket control = context.socket(SocketType.ROUTER);
            control.bind(info.endpoint(Channel.CONTROL));
            ZMQ.Socket iopub = context.socket(SocketType.PUB);
            iopub.bind(info.endpoint(Channel.IOPUB));
            byte[] topic = "kernel.floor.status".getBytes();
            while (true) {
                List<byte[]> frames = new ArrayList<>();
                do {
                    frames.add(shell.recv(0));
                } while (shell.hasReceiveMore());
                Message request = codec.decode(frames);
                send(iopub, codec.encode(session.message(List.of(topic), "status", request.header(),
                        Map.of("execution_state", "busy"), null)));
                String replyType = request.msgType().replace("_request", "_reply");
                Object content = request.msgType().equals("execute_request")
                        ? Map.of("status", "ok", "execution_count", 1, "user_expressions", Map.of())
                        : Map.of("status", "ok", "protocol_version", "5.3");
                send(shell, codec.encode(session.message(request.identities(), replyType, request.header(), content,
                        null)));
                send(iopub, codec.encode(session.message(List.of(topic), "status", request.header(),
                        Map.of("execution_state", "idle"), null)));
            }
        }
    }

    private static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }
}
