package reflow.protocol;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gives memory back to the OS soon after a cell that needed a lot of it: once the kernel has been idle for
 * a second and the committed heap has grown well past what it was after the last collection, it asks for
 * one full collection, which (with the kernelspec's heap free ratios) shrinks the heap and returns the
 * pages. Collectors only shrink when they collect, and an idle kernel allocates nothing that would make
 * them collect; a periodic collection would cost CPU every few seconds for ever, this costs one
 * collection per spike. Protocol thread only, except the collection itself (its own daemon thread).
 */
final class IdleHeapTrim {
    static final long GROWTH_BYTES = 64L << 20;
    static final long IDLE_MILLIS = 1000;
    /** -Dreflow.idleHeapTrim=false turns it off (to compare collectors without it). */
    private static final boolean ENABLED = !"false".equals(System.getProperty("reflow.idleHeapTrim"));

    private final Runtime runtime = Runtime.getRuntime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "reflow-idle-heap-trim");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });
    private volatile long committedAfterTrim = runtime.totalMemory();
    private ScheduledFuture<?> pending;

    /** A request arrived: a collection now would only delay it. */
    void busy() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** The kernel has no request left. */
    void idle() {
        if (ENABLED && pending == null && runtime.totalMemory() - committedAfterTrim >= GROWTH_BYTES) {
            pending = timer.schedule(this::trim, IDLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void trim() {
        long before = runtime.totalMemory();
        System.gc();
        committedAfterTrim = runtime.totalMemory();
        KernelLog.info("idle: heap trimmed from " + (before >> 20) + " MB to " + (committedAfterTrim >> 20)
                + " MB committed");
    }

    void close() {
        timer.shutdownNow();
    }
}
