package reflow.kernel.jshell;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's stop state: whether the user asked to stop, which thread runs the current cell, and the cell
 * threads the kernel gave up on. Owned by the session's {@link SnippetExecutionControl}; instrumented code
 * reads it through {@link Interruption}'s static checks.
 */
final class StopSignal {
    // Read on every backward branch of cell code: plain volatile fields, no locks.
    volatile boolean requested;
    volatile boolean anyAbandoned;
    volatile Thread cellThread;
    final Set<Thread> abandoned = ConcurrentHashMap.newKeySet();

    void request() {
        requested = true;
    }

    void reset() {
        requested = false;
    }

    boolean isRequested() {
        return requested;
    }

    /** The cell thread says it is running a cell. */
    void runningCellOn(Thread thread) {
        cellThread = thread;
    }

    /** Marks a thread whose cell could not be stopped; it may still be running JDK code. */
    void abandon(Thread thread) {
        abandoned.add(thread);
        anyAbandoned = true;
    }

    boolean isAbandoned(Thread thread) {
        return anyAbandoned && abandoned.contains(thread);
    }
}
