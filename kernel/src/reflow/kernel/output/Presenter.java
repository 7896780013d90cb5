package reflow.kernel.output;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import reflow.protocol.ExecutionContext;

/**
 * Turns the engine's {@link RunEvents} into Jupyter messages, the only place that does, and owns every
 * display id. One per kernel; {@link #forRequest} gives the events of one execute_request.
 *
 * <p>How a re-run reaches a downstream cell: each cell's output is what ipykernel would send (streams,
 * {@code execute_result} with its prompt, {@code error}, display_data), parented to the cell's own request.
 * A reactive re-run of that cell, running inside another cell's request, sends its new output parented to
 * the cell's <em>earlier</em> request (its "home"), after a {@code clear_output(wait)}. JupyterLab routes
 * iopub messages by parent to the cell's output area, which keeps listening until the cell runs again;
 * VS Code does the same (it keeps handling messages of finished executions). So the output is replaced in
 * place with native output types, none of which {@code update_display_data} could replace (JupyterLab
 * updates only display_data rows). nbclient never sends cell ids, so it never sees a re-run.
 */
public final class Presenter {
    /** Flushes batched stream output and updates re-run reports; the presenter's own thread. */
    private final ScheduledExecutorService outputTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reflow-output-flush");
        t.setDaemon(true);
        return t;
    });

    private final String kernelSession;
    private final AtomicLong displays = new AtomicLong();
    /** cell id -> the request of the cell's last own run, where its output is shown. */
    private final Map<String, ExecutionContext> homes = new ConcurrentHashMap<>();
    /** cell id -> display id of the "stale" note shown in it since it last ran. */
    private final Map<String, String> statusNotes = new ConcurrentHashMap<>();
    /**
     * Cells whose output area may show something. A re-run that shows nothing clears the cell's earlier
     * output; when nothing is there (the last run showed nothing either, and nothing came since) the
     * clear_output would change nothing a user sees, so it is not sent: a re-run of a declaration then
     * costs no message at all.
     */
    private final Set<String> mayShowOutput = ConcurrentHashMap.newKeySet();
    /** Re-run reports of requests still running, whose last state may be held back (see CascadeReport). */
    private final Map<ExecutionContext, List<CascadeReport>> openReports = new ConcurrentHashMap<>();

    public Presenter(String kernelSession) {
        this.kernelSession = kernelSession;
    }

    ScheduledExecutorService timer() {
        return outputTimer;
    }

    /** At shutdown: what is scheduled still runs (the last output goes out), then the thread ends. */
    public void close() {
        outputTimer.shutdown();
    }

    /** The events of one execute_request, rendered for the client that sent it. */
    public RunEvents forRequest(ExecutionContext context) {
        return new RequestPresenter(this, context, Frontend.of(context.metadata()));
    }

    /**
     * The events of re-runs a widget's change started (a comm_msg from the frontend that shows the widget):
     * each re-run cell's output is replaced in place in that cell; no cell gets a report.
     */
    public RunEvents forWidgetChange(ExecutionContext commMessage) {
        return new RequestPresenter(this, commMessage, Frontend.JUPYTERLAB, true);
    }

    /**
     * Runs {@code body} (a widget listener) with its output appended to cell {@code cellId}'s output, where
     * the cell that registered it shows (or parented to {@code fallback} when that cell is unknown); an
     * error it ends with is shown there too.
     */
    public void appendingTo(String cellId, ExecutionContext fallback, String label,
                            java.util.function.Function<reflow.kernel.jshell.CellIO, reflow.kernel.jshell.CellOutcome> body) {
        ExecutionContext home = home(cellId);
        CellOutput output = new CellOutput(this, home != null ? home : fallback, new CellRef(cellId, 0, label), false, false);
        output.finish(body.apply(output));
    }

    void reportOpened(ExecutionContext request, CascadeReport report) {
        openReports.computeIfAbsent(request, k -> new CopyOnWriteArrayList<>()).add(report);
    }

    /** A request is done: its re-run reports show their last state now (before its reply). */
    public void requestDone(ExecutionContext request) {
        List<CascadeReport> reports = openReports.remove(request);
        if (reports != null) {
            reports.forEach(CascadeReport::flush);
        }
    }

    /** A display id unique to this kernel session. */
    String newDisplayId() {
        return "reflow-" + kernelSession + "-" + displays.incrementAndGet();
    }

    void ranAt(String cellId, ExecutionContext context) {
        if (cellId != null) {
            homes.put(cellId, context);
            statusNotes.remove(cellId);
        }
    }

    /** The user ran the cell: frontends empty its output area when they send the request. */
    void ranByUser(String cellId, ExecutionContext context) {
        ranAt(cellId, context);
        if (cellId != null) {
            mayShowOutput.remove(cellId);
        }
    }

    /** Something is shown in the cell's output area (null: a cell without id, nothing is tracked). */
    void showsOutput(String cellId) {
        if (cellId != null) {
            mayShowOutput.add(cellId);
        }
    }

    /** The cell's output area was cleared by a clear_output(wait=false) with nothing after it. */
    void outputCleared(String cellId) {
        if (cellId != null) {
            mayShowOutput.remove(cellId);
        }
    }

    /** Whether a clear_output could change what the cell's output area shows. */
    boolean mayShowOutput(String cellId) {
        return cellId == null || mayShowOutput.contains(cellId);
    }

    ExecutionContext home(String cellId) {
        return cellId == null ? null : homes.get(cellId);
    }

    /** The cell's old output gets a note on top (replaced by its next run); the first note is appended. */
    void showStatus(CellRef cell, String text) {
        ExecutionContext home = home(cell.id());
        if (home == null) {
            return;
        }
        Map<String, Object> bundle = Map.of("text/plain", text);
        String shown = statusNotes.get(cell.id());
        if (shown != null) {
            home.updateDisplayData(bundle, Map.of(), shown);
        } else {
            String id = newDisplayId();
            statusNotes.put(cell.id(), id);
            home.displayData(bundle, Map.of(), id);
            showsOutput(cell.id());
        }
    }

    /** A deleted cell: nothing is shown in it any more. */
    public void forget(String cellId) {
        homes.remove(cellId);
        statusNotes.remove(cellId);
        mayShowOutput.remove(cellId);
    }
}
