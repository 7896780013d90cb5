package reflow.kernel.jshell;

/**
 * The cooperative stop signal. Every class the kernel loads calls {@link #check()} (cells) or
 * {@link #checkLibrary()} (jars added at run time) at method entry and on every backward branch (inserted
 * by {@link SnippetInstrumenter}),
 * so even a tight {@code while (true) {}} notices a stop request without Thread.stop (which throws on JDK
 * 20+).
 *
 * <p>A cell thread the kernel gave up on ({@link StopSignal#abandon}) is stopped for good: whenever it comes back to
 * instrumented code it is thrown out again, whatever later requests do with the shared flag.
 */
public final class Interruption {
    private Interruption() {}

    /** The session's signal. A kernel process holds one session; bytecode can only reach it statically. */
    private static volatile StopSignal signal = new StopSignal();

    static void install(StopSignal sessionSignal) {
        signal = sessionSignal;
    }

    /** Called from instrumented code; must stay public and static, and cheap (volatile reads). */
    public static void check() {
        StopSignal s = signal;
        if (s.requested || s.anyAbandoned && s.abandoned.contains(Thread.currentThread())) {
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
        StopSignal s = signal;
        if (s.requested && Thread.currentThread() == s.cellThread
                || s.anyAbandoned && s.abandoned.contains(Thread.currentThread())) {
            throw new Stopped();
        }
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
