package reflow.kernel.jshell;

/**
 * Hears about each cell evaluation: {@link #cellStarting} and {@link #cellFinished} run on the cell's own
 * thread, around its code and inside its output routing (so what they print or display lands in that
 * cell); {@link #stopRequested} runs on whichever thread asked for the stop (interrupt, shutdown).
 * Implementations must not throw.
 */
public interface CellListener {
    CellListener NONE = new CellListener() { };

    default void cellStarting() { }

    default void cellFinished() { }

    default void stopRequested() { }
}
