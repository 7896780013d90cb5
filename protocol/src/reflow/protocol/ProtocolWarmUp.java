package reflow.protocol;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import reflow.protocol.wire.Message;
import reflow.protocol.wire.MessageSigner;
import reflow.protocol.wire.Session;
import reflow.protocol.wire.WireCodec;

/**
 * Gets, on a background thread at launch, what the first request and its reply need ready: Jackson's
 * mapper (its data binding loads date formats and locale data), the HMAC provider, the message classes
 * and their serialisers. Meanwhile the protocol thread reads the connection file and binds the sockets:
 * a client that connected too early retries only every 100 ms (ZeroMQ's reconnect interval), so each
 * millisecond before the bind can cost a kernel_info_reply a hundred. A throwaway codec, key and session
 * are used: the kernel's own (its replay guard above all) see nothing of this.
 */
public final class ProtocolWarmUp {
    private ProtocolWarmUp() {}

    /** Starts the warm-up; {@code sampleReply} is a kernel_info_reply content like the one the kernel will send. */
    public static void start(Supplier<Object> sampleReply) {
        Thread thread = new Thread(() -> run(sampleReply), "reflow-protocol-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    static void run(Supplier<Object> sampleReply) {
        try {
            WireCodec codec = new WireCodec(new MessageSigner("warm-up"));
            Session session = new Session("warm-up");
            Message request = session.message(List.of(), "kernel_info_request", null, Map.of(), Map.of());
            Message received = codec.decode(codec.encode(request));
            codec.encode(session.message(List.of(), "kernel_info_reply", received.header(), sampleReply.get(), Map.of()));
        } catch (RuntimeException | LinkageError | reflow.protocol.wire.MalformedMessageException e) {
            // Only a head start: the real requests do the same work again and report what fails.
            KernelLog.warn("protocol warm-up failed (the first request will be slower): " + e);
        }
    }
}
