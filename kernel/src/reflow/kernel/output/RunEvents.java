package reflow.kernel.output;

import reflow.kernel.jshell.CellError;
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

    /** {@code cells} announced cells will not re-run here after all: their own queued requests run them. */
    void leftToQueuedRequests(int cells);

    /** These events, with {@code prefix} before every error's message (%load names the file that failed). */
    default RunEvents withErrorPrefix(String prefix) {
        RunEvents inner = this;
        return new RunEvents() {
            @Override public CellIO started(CellRef cell, RunCause cause) { return inner.started(cell, cause); }
            @Override public void note(CellRef cell, String text) { inner.note(cell, text); }
            @Override public void finished(CellRef cell, CellOutcome outcome) {
                CellError e = outcome.error();
                inner.finished(cell, e == null ? outcome : new CellOutcome(false, null,
                        new CellError(e.kind(), e.ename(), prefix + e.evalue(), e.traceback()), outcome.definedNames(),
                        outcome.changes()));
            }
            @Override public void stale(CellRef cell, String why) { inner.stale(cell, why); }
            @Override public void skipped(CellRef cell, String why) { inner.skipped(cell, why); }
            @Override public void cascadeStarted(int cells) { inner.cascadeStarted(cells); }
            @Override public void leftToQueuedRequests(int cells) { inner.leftToQueuedRequests(cells); }
        };
    }
}
