package reflow.kernel.jshell;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cooperative stop signal. Every class the kernel loads calls {@link #check()} (cells) or
 * {@link #checkLibrary()} (jars added at run time) at method entry and on every backward branch (inserted
 * by {@link SnippetInstrumenter}),
 * so even a tight {@code while (true) {}} notices a stop request without Thread.stop (which throws on JDK
 * 20+).
 *
 * <p>A cell thread the kernel gave up on ({@link #abandon}) is stopped for good: whenever it comes back to
 * instrumented code it is thrown out again, whatever later requests do with the shared flag.
 */
public final class Interruption {
    private Interruption() {}

    private static volatile boolean requested;
    private static volatile boolean anyAbandoned;
    private static final Set<Thread> abandoned = ConcurrentHashMap.newKeySet();
    /** The thread running the current cell (the kernel's cell thread). */
    private static volatile Thread cellThread;

    /** Called from instrumented code; must stay public and static, and cheap (a volatile read). */
    public static void check() {
        if (requested || anyAbandoned && abandoned.contains(Thread.currentThread())) {
            throw new Stopped();
        }
    }

    /**
     * Called from instrumented library classes (jars added at run time): stops only the cell's own thread.
     * A library's background threads (Spark's schedulers and executors, Netty's event loops, a client's
     * heartbeat) run its code all the time; stopping them at an interrupt would break the library for the
     * rest of the session.
     */
    public static void checkLibrary() {
        if (requested && Thread.currentThread() == cellThread
                || anyAbandoned && abandoned.contains(Thread.currentThread())) {
            throw new Stopped();
        }
    }

    /** The cell thread says it is running a cell. */
    static void runningCellOn(Thread thread) {
        cellThread = thread;
    }

    static void request() {
        requested = true;
    }

    static void reset() {
        requested = false;
    }

    static boolean isRequested() {
        return requested;
    }

    /** Marks a thread whose cell could not be stopped; it may still be running JDK code. */
    static void abandon(Thread thread) {
        abandoned.add(thread);
        anyAbandoned = true;
    }

    static boolean isAbandoned(Thread thread) {
        return anyAbandoned && abandoned.contains(thread);
    }

    /**
     * Thrown into the cell's code when the user stops it. An Error, not an Exception, so a user's
     * {@code catch (Exception e)} cannot swallow it.
     */
    public static final class Stopped extends Error {
        Stopped() {
            super("the cell was stopped", null, false, true);
        }
    }
}
