package reflow.protocol;

import java.util.List;
import org.zeromq.ZMQ;
import reflow.protocol.wire.Message;
import reflow.protocol.wire.WireCodec;

/** Sends on the sockets themselves; only for the protocol thread, which owns them. */
final class DirectSink implements MessageSink {
    private final WireCodec codec;
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket stdin;
    private final IopubPublisher iopub;

    DirectSink(WireCodec codec, ZMQ.Socket shell, ZMQ.Socket control, ZMQ.Socket stdin, IopubPublisher iopub) {
        this.codec = codec;
        this.shell = shell;
        this.control = control;
        this.stdin = stdin;
        this.iopub = iopub;
    }

    @Override
    public void send(Channel channel, Message message) {
        sendFrames(channel, codec.encode(message));
    }

    void sendFrames(Channel channel, List<byte[]> frames) {
        ZMQ.Socket socket = switch (channel) {
            case SHELL -> shell;
            case CONTROL -> control;
            case STDIN -> stdin;
            case IOPUB -> null;
            case HEARTBEAT -> throw new IllegalArgumentException("the heartbeat socket only echoes");
        };
        if (socket == null) {
            iopub.publish(frames);
            return;
        }
        for (int i = 0; i < frames.size(); i++) {
            // ROUTER drops messages for peers that left; that is the protocol's normal behaviour.
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }
}
