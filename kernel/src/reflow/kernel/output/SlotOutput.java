package reflow.kernel.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import reflow.kernel.display.MimeBundle;
import reflow.kernel.jshell.CellError;
import reflow.kernel.jshell.CellIO;
import reflow.protocol.ExecutionContext;

/**
 * Output of a tracked cell (one the frontend identified by a cell id). Printed text, value and error
 * go into ONE display_data, the cell's "slot", carrying {@code transient.display_id}, so a reactive re-run
 * can replace it with {@code update_display_data} wherever the cell stands (JupyterLab can update only
 * display_data, not execute_result). {@code display(x)} calls get their own ids, numbered per cell,
 * so re-runs update them too.
 *
 * <p>On the cell's own run ({@code live}) the slot is published at the first output and refreshed at
 * most every {@value #REFRESH_MS} ms while the cell prints, so long cells still show progress.
 */
public final class SlotOutput implements CellIO {
    private static final long REFRESH_MS = 100;
    /** The slot is re-sent whole on each refresh, so a cell printing without end keeps only its tail. */
    static final int MAX_PRINTED_CHARS = 1_000_000;
    private static final ScheduledExecutorService REFRESHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reflow-slot-refresh");
        t.setDaemon(true);
        return t;
    });

    private static final String TRUNCATED = "[... earlier output dropped: only the last part is kept ...]\n";

    private final ExecutionContext context;
    private final CellSlot slot;
    private final boolean live;
    private final StringBuilder printed = new StringBuilder();
    private final List<String> notes = new ArrayList<>();
    private String heading;
    private int displayIndex;
    private boolean refreshScheduled;
    private boolean finished;

    /**
     * @param context the request the messages are parented to (the cell's own, or the one that triggered
     *                a re-run)
     * @param live    true on the cell's own run: publish while it runs; false for re-runs: update at the end
     */
    public SlotOutput(ExecutionContext context, CellSlot slot, boolean live) {
        this.context = context;
        this.slot = slot;
        this.live = live;
    }

    public synchronized void heading(String text) {
        heading = text;
    }

    public synchronized void note(String text) {
        notes.add(text);
    }

    @Override
    public synchronized void write(String streamName, String text) {
        printed.append(text);
        if (printed.length() > MAX_PRINTED_CHARS) {
            int cut = printed.length() - MAX_PRINTED_CHARS / 2;
            int lineStart = printed.indexOf("\n", cut);
            printed.delete(0, lineStart < 0 ? cut : lineStart + 1);
            printed.insert(0, TRUNCATED);
        }
        if (live && !refreshScheduled && !finished) {
            refreshScheduled = true;
            REFRESHER.schedule(this::refresh, slot.published() ? REFRESH_MS : 0, TimeUnit.MILLISECONDS);
        }
    }

    public synchronized String printed() {
        return printed.toString();
    }

    @Override
    public String readLine(String prompt) throws IOException {
        return StdinReader.readLine(context, prompt);
    }

    @Override
    public synchronized void display(Object value) {
        String id = slot.displayId(++displayIndex);
        Map<String, Object> bundle = MimeBundle.of(value);
        if (slot.hasDisplay(displayIndex)) {
            context.updateDisplayData(bundle, Map.of(), id);
        } else {
            slot.recordDisplay(displayIndex);
            context.displayData(bundle, Map.of(), id);
        }
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        printed.setLength(0);
        if (live) {
            context.clearOutput(wait);
            slot.forgetPublished();
        }
    }

    private synchronized void refresh() {
        refreshScheduled = false;
        if (!finished) {
            publish(report(null, null));
        }
    }

    /** Publishes the final state of the slot and returns what it showed. */
    public synchronized CellReport finish(Map<String, Object> value, CellError error) {
        finished = true;
        CellReport report = report(value, error);
        publish(report);
        return report;
    }

    /**
     * Replaces what a cell's slot shows (e.g. marking it stale) from another request. A slot that was
     * never published is left alone: a new display_data would land in the requesting cell instead.
     */
    public static void replace(ExecutionContext context, CellSlot slot, CellReport report) {
        if (slot.published()) {
            context.updateDisplayData(report.toBundle(), Map.of(), slot.id());
        }
    }

    private CellReport report(Map<String, Object> value, CellError error) {
        return new CellReport(heading, printed.toString(), value, error, List.copyOf(notes));
    }

    private void publish(CellReport report) {
        Map<String, Object> bundle = report.toBundle();
        if (slot.published()) {
            context.updateDisplayData(bundle, Map.of(), slot.id());
        } else {
            slot.markPublished();
            context.displayData(bundle, Map.of(), slot.id());
        }
    }
}
