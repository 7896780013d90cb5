package reflow.protocol;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A FIFO of encoded messages that makes producers wait while it holds too many bytes or entries, so that a
 * cell printing faster than the client reads slows down instead of filling the heap. One entry always fits,
 * however large, so a single big message can never wait forever.
 */
final class BoundedFrameQueue {
    private final long maxBytes;
    private final int maxEntries;
    private final ArrayDeque<List<byte[]>> entries = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private long bytes;

    BoundedFrameQueue(long maxBytes, int maxEntries) {
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
    }

    /**
     * Appends, waiting while the queue is full. An interrupt does not drop the message (it would be lost
     * output): the entry is added anyway and the interrupt flag is set again for the caller to see.
     */
    void put(List<byte[]> frames) {
        long size = sizeOf(frames);
        boolean interrupted = false;
        lock.lock();
        try {
            while (!entries.isEmpty() && (bytes + size > maxBytes || entries.size() >= maxEntries)) {
                try {
                    notFull.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            add(frames, size);
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Appends without waiting: for control markers that must never block their sender. */
    void putNow(List<byte[]> frames) {
        lock.lock();
        try {
            add(frames, sizeOf(frames));
        } finally {
            lock.unlock();
        }
    }

    List<byte[]> take() throws InterruptedException {
        lock.lock();
        try {
            while (entries.isEmpty()) {
                notEmpty.await();
            }
            List<byte[]> frames = entries.removeFirst();
            bytes -= sizeOf(frames);
            notFull.signalAll();
            return frames;
        } finally {
            lock.unlock();
        }
    }

    private void add(List<byte[]> frames, long size) {
        entries.addLast(frames);
        bytes += size;
        notEmpty.signal();
    }

    private static long sizeOf(List<byte[]> frames) {
        long size = 0;
        for (byte[] frame : frames) {
            size += frame.length;
        }
        return size;
    }
}
