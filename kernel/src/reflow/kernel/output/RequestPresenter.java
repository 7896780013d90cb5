package reflow.kernel.output;

import java.util.HashMap;
import java.util.Map;
import reflow.kernel.jshell.CellIO;
import reflow.kernel.jshell.CellOutcome;
import reflow.protocol.ExecutionContext;

/** The events of one execute_request: each cell's output where it belongs, re-runs listed in a report. */
final class RequestPresenter implements RunEvents {
    private final Presenter presenter;
    private final ExecutionContext context;
    private final Frontend frontend;
    private final Map<CellRef, CellOutput> running = new HashMap<>();
    private CascadeReport report;
    /** A widget's change: no cell triggered the re-runs, so none shows a report of them. */
    private final boolean widgetChange;

    RequestPresenter(Presenter presenter, ExecutionContext context, Frontend frontend) {
        this(presenter, context, frontend, false);
    }

    RequestPresenter(Presenter presenter, ExecutionContext context, Frontend frontend, boolean widgetChange) {
        this.presenter = presenter;
        this.context = context;
        this.frontend = frontend;
        this.widgetChange = widgetChange;
    }

    @Override
    public CellIO started(CellRef cell, RunCause cause) {
        CellOutput output;
        if (cause.byUser()) {
            presenter.ranByUser(cell.id(), context);
            output = new CellOutput(presenter, context, cell, false, false);
        } else {
            ExecutionContext home = presenter.home(cell.id());
            presenter.ranAt(cell.id(), home); // drops the stale note: the re-run clears it away
            output = home == null
                    ? new CellOutput(presenter, context, cell, false, false)
                    : new CellOutput(presenter, home, cell, true, !widgetChange && !reachesInPlace(home));
            if (!widgetChange) {
                report().started(cell, cause);
            }
        }
        running.put(cell, output);
        return output;
    }

    @Override
    public void note(CellRef cell, String text) {
        CellOutput output = running.get(cell);
        if (output != null) {
            output.note(text);
        }
    }

    @Override
    public void finished(CellRef cell, CellOutcome outcome) {
        CellOutput output = running.remove(cell);
        if (output == null) {
            return;
        }
        output.finish(outcome);
        if (report != null && report.has(cell)) {
            report.finished(cell, outcome, output.elapsedMillis(), output.copyText());
        }
    }

    @Override
    public void stale(CellRef cell, String why) {
        if (cell.id() != null && cell.id().equals(context.metadata().path("cellId").asText(null))) {
            return; // the cell this request runs: its new output replaces the stale one at once
        }
        presenter.showStatus(cell, why); // shown in that cell only: a deletion or edit elsewhere is no cascade
    }

    @Override
    public void skipped(CellRef cell, String why) {
        presenter.showStatus(cell, "not re-run: " + why + "; this output is from before");
        if (!widgetChange) {
            report().skipped(cell, why);
        }
    }

    @Override
    public void cascadeStarted(int cells) {
        if (widgetChange) {
            return;
        }
        report().expect(cells);
    }

    @Override
    public void leftToQueuedRequests(int cells) {
        if (!widgetChange) {
            report().expect(-cells); // the report counts only what this request re-runs
        }
    }

    /**
     * Whether the frontend that sent this request shows what is parented to {@code home}: a client that
     * can (JupyterLab, VS Code), and the same connection (its header's session: a reloaded page or another
     * client has a new one, and the old request's handler is gone). Otherwise the report keeps a copy.
     */
    private boolean reachesInPlace(ExecutionContext home) {
        return frontend.showsRerunsInPlace() && home.header().session().equals(context.header().session());
    }

    private CascadeReport report() {
        if (report == null) {
            report = new CascadeReport(context, presenter.newDisplayId(), presenter.timer());
            presenter.reportOpened(context, report);
        }
        return report;
    }
}
