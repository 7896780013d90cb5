package reflow.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import reflow.protocol.wire.Message;
import reflow.protocol.wire.WireCodec;

/**
 * The only way threads other than the protocol thread send anything. Callers enqueue already-encoded
 * frames in a plain queue (FIFO, so busy -> outputs -> reply -> idle keeps its order); one pump thread
 * moves them into an inproc PUSH socket that the protocol thread polls.
 *
 * <p>Why the extra hop: JeroMQ signals through NIO pipes, which are closed for good when the thread doing
 * the I/O has its interrupt flag set. Callers here are cell threads that the kernel interrupts, so they must
 * never touch a ZMQ socket themselves; the pump thread is never interrupted.
 */
final class Outbox implements MessageSink {
    static final byte[] STOP = "stop".getBytes(StandardCharsets.US_ASCII);
    /** Compared by identity; a fresh instance so no real entry can ever be mistaken for it. */
    private static final List<byte[]> POISON = List.of(new byte[0]);

    private final BlockingQueue<List<byte[]>> queue = new LinkedBlockingQueue<>();
    private final WireCodec codec;
    private final Thread pump;

    Outbox(ZMQ.Context context, String address, WireCodec codec) {
        this.codec = codec;
        this.pump = new Thread(() -> pump(context, address), "reflow-outbox");
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void send(Channel channel, Message message) {
        List<byte[]> frames = codec.encode(message);
        byte[][] withChannel = new byte[frames.size() + 1][];
        withChannel[0] = channel.wireName().getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < frames.size(); i++) {
            withChannel[i + 1] = frames.get(i);
        }
        queue.add(List.of(withChannel));
    }

    /** Asks the protocol thread to stop, after everything enqueued before this call has been sent. */
    void requestStop() {
        queue.add(List.of(STOP));
    }

    /** Ends the pump; it closes its socket so that the ZMQ context can terminate. */
    void close() {
        queue.add(POISON);
    }

    private void pump(ZMQ.Context context, String address) {
        ZMQ.Socket push = context.socket(SocketType.PUSH);
        push.setSndHWM(0); // never block or drop: the protocol thread drains it continuously
        push.setLinger(0);
        push.connect(address);
        try {
            while (true) {
                List<byte[]> frames = takeUninterruptibly();
                if (frames == POISON) {
                    return;
                }
                for (int i = 0; i < frames.size(); i++) {
                    push.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
                }
            }
        } finally {
            push.close();
        }
    }

    private List<byte[]> takeUninterruptibly() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // nobody should interrupt the pump; losing it would silence the kernel, so keep going
            }
        }
    }
}
