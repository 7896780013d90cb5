package reflow.kernel.jshell;

/**
 * Replacement targets for System.exit, Runtime.exit and Runtime.halt in snippet classes (the calls are
 * rewritten by {@link SnippetInstrumenter}): exiting would kill the kernel and every variable with it.
 */
public final class ExitGuard {
    private ExitGuard() {}

    public static void systemExit(int status) {
        throw new Blocked("System.exit(" + status + ")");
    }

    public static void runtimeExit(Runtime runtime, int status) {
        throw new Blocked("Runtime.exit(" + status + ")");
    }

    public static void runtimeHalt(Runtime runtime, int status) {
        throw new Blocked("Runtime.halt(" + status + ")");
    }

    /** An Error so that {@code catch (Exception e)} in the cell does not hide the blocked exit. */
    public static final class Blocked extends Error {
        Blocked(String call) {
            super(call + " was blocked: it would shut down the kernel and lose every variable."
                    + " To restart, use the frontend's Restart Kernel.");
        }
    }
}
