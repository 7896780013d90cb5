package reflow.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import reflow.protocol.wire.Message;
import reflow.protocol.wire.WireCodec;

/**
 * The only way threads other than the protocol thread send anything. Callers enqueue already-encoded
 * frames in a FIFO (so busy -> outputs -> reply -> idle keeps its order); one pump thread moves them into
 * an inproc PUSH socket that the protocol thread polls.
 *
 * <p>Why the extra hop: JeroMQ signals through NIO pipes, which are closed for good when the thread doing
 * the I/O has its interrupt flag set. Callers here are cell threads that the kernel interrupts, so they must
 * never touch a ZMQ socket themselves; the pump thread is never interrupted.
 *
 * <p>Memory stays bounded when a client reads slower than cells print: the queue holds at most
 * {@link #MAX_QUEUED_BYTES} (callers wait beyond that), the inproc pipe at most {@link #INPROC_HWM}
 * messages (the pump waits), and the protocol thread stops draining while iopub is blocked.
 */
final class Outbox implements MessageSink {
    static final byte[] STOP = "stop".getBytes(StandardCharsets.US_ASCII);
    /** Tags the idle that ends a shell request (it goes to iopub like any status). */
    static final String REQUEST_END = "iopub-request-end";
    static final long MAX_QUEUED_BYTES = 32L << 20;
    static final int MAX_QUEUED_MESSAGES = 10_000;
    static final int INPROC_HWM = 100;
    /** Compared by identity; a fresh instance so no real entry can ever be mistaken for it. */
    private static final List<byte[]> POISON = List.of(new byte[0]);

    private final BoundedFrameQueue queue = new BoundedFrameQueue(MAX_QUEUED_BYTES, MAX_QUEUED_MESSAGES);
    private final WireCodec codec;
    private final Thread pump;
    /** Never made to wait: it is the thread that drains the outbox, waiting would deadlock the kernel. */
    private final Thread protocolThread;

    Outbox(ZMQ.Context context, String address, WireCodec codec, Thread protocolThread) {
        this.codec = codec;
        this.protocolThread = protocolThread;
        this.pump = new Thread(() -> pump(context, address), "reflow-outbox");
        pump.setDaemon(true);
        pump.start();
    }

    /** Waits while the outbox is full (the client is slower than the cell). */
    @Override
    public void send(Channel channel, Message message) {
        send(channel.wireName(), message);
    }

    @Override
    public void sendRequestEnd(Message idle) {
        send(REQUEST_END, idle);
    }

    private void send(String tag, Message message) {
        List<byte[]> frames = codec.encode(message);
        byte[][] withChannel = new byte[frames.size() + 1][];
        withChannel[0] = tag.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < frames.size(); i++) {
            withChannel[i + 1] = frames.get(i);
        }
        if (Thread.currentThread() == protocolThread) {
            queue.putNow(List.of(withChannel)); // e.g. a handler publishing from an interrupt_request
        } else {
            queue.put(List.of(withChannel));
        }
    }

    /** Asks the protocol thread to stop, after everything enqueued before this call has been sent. */
    void requestStop() {
        queue.putNow(List.of(STOP));
    }

    /** Ends the pump; it closes its socket so that the ZMQ context can terminate. */
    void close() {
        queue.putNow(POISON);
    }

    private void pump(ZMQ.Context context, String address) {
        ZMQ.Socket push = context.socket(SocketType.PUSH);
        push.setSndHWM(INPROC_HWM); // full when the protocol thread holds back (iopub blocked): then we wait
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
        } catch (ZMQException e) {
            // the context terminated while we waited for room: the kernel is shutting down
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
