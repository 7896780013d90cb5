package reflow.kernel.output;

import reflow.kernel.jshell.CellIO;
import reflow.kernel.jshell.CellOutcome;

/**
 * What the reactive engine tells about one request while it decides what runs: which cell starts and why,
 * its notes, how it ended, which cells it left stale or skipped. The engine knows nothing about messages or
 * display ids; {@link Presenter} turns these events into what the frontend shows.
 */
public interface RunEvents {
    /** A cell starts; its printed text and displays go to the returned output while it runs. */
    CellIO started(CellRef cell, RunCause cause);

    /** A kernel note about the running cell (a warning, a redefinition), in order with its output. */
    void note(CellRef cell, String text);

    /** The cell that {@link #started} last ended with this outcome (its value or error). */
    void finished(CellRef cell, CellOutcome outcome);

    /** The cell's output no longer matches the session (an input changed, was removed or deleted). */
    void stale(CellRef cell, String why);

    /** A downstream cell was not re-run (an upstream cell failed, or the cascade was interrupted). */
    void skipped(CellRef cell, String why);

    /** {@code cells} downstream cells are about to re-run (again when a re-run adds cells to the cascade). */
    void cascadeStarted(int cells);
}
