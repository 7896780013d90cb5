package reflow.kernel.jshell;

/**
 * The cooperative stop signal. Every snippet class calls {@link #check()} at method entry and on every
 * backward branch (inserted by {@link SnippetInstrumenter}), so even a tight {@code while (true) {}} notices
 * a stop request without Thread.stop (which throws on JDK 20+).
 */
public final class Interruption {
    private Interruption() {}

    private static volatile boolean requested;

    /** Called from instrumented snippet code; must stay public and static. */
    public static void check() {
        if (requested) {
            throw new Stopped();
        }
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
