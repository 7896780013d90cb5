package reflow.protocol;

import java.util.ArrayDeque;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * Publishes on IOPub without ever dropping a message. The socket is an XPUB with "no drop": when a
 * subscriber's queue is full, sending fails instead of silently discarding (what a plain PUB does at its
 * high-water mark). Such messages wait here, in order, and everything after them waits too; the protocol
 * thread then stops taking from the outbox, so the producers (cell threads) wait for the slow client.
 * Only the protocol thread may call this.
 */
final class IopubPublisher {
    private final ZMQ.Socket socket;
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;
    private final ArrayDeque<List<byte[]>> waiting = new ArrayDeque<>();
    private long lastLogNanos = System.nanoTime() - LOG_EVERY_NANOS;

    IopubPublisher(ZMQ.Socket xpub) {
        this.socket = xpub;
    }

    void publish(List<byte[]> frames) {
        if (!waiting.isEmpty()) {
            waiting.addLast(frames);
        } else if (!trySend(frames)) {
            waiting.addLast(frames);
            logBlocked();
        }
    }

    /** One line per episode, at most every 10 s: a flood blocks and unblocks thousands of times. */
    private void logBlocked() {
        long now = System.nanoTime();
        if (now - lastLogNanos >= LOG_EVERY_NANOS) {
            lastLogNanos = now;
            KernelLog.info("iopub: a subscriber reads slower than the kernel publishes; output waits for it"
                    + " (nothing is dropped)");
        }
    }

    /** True while messages wait for a subscriber to catch up. */
    boolean blocked() {
        return !waiting.isEmpty();
    }

    /** Sends what waits, in order, as far as the subscribers take it. */
    void retry() {
        while (!waiting.isEmpty() && trySend(waiting.peekFirst())) {
            waiting.removeFirst();
        }
    }

    /**
     * A multipart message goes out whole or not at all: XPUB checks the subscribers' queues before the
     * first frame, and the queues count whole messages, so later frames of the same message always fit.
     */
    private boolean trySend(List<byte[]> frames) {
        int last = frames.size() - 1;
        if (!socket.send(frames.get(0), ZMQ.DONTWAIT | (last > 0 ? ZMQ.SNDMORE : 0))) {
            return false;
        }
        for (int i = 1; i <= last; i++) {
            socket.send(frames.get(i), i < last ? ZMQ.SNDMORE : 0); // never waits, see above
        }
        return true;
    }

    /** Reads and discards subscription frames (XPUB delivers them to us); returns how many. */
    int drainSubscriptions() {
        int count = 0;
        while (socket.recv(ZMQ.DONTWAIT) != null) {
            count++;
        }
        return count;
    }
}
