package reflow.kernel.output;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import reflow.kernel.display.Html;
import reflow.kernel.display.PlainText;
import reflow.kernel.jshell.CellOutcome;
import reflow.protocol.ExecutionContext;

/**
 * What the cell that triggered re-runs shows about them: one output row, updated in place as the cascade
 * goes (display_data with its own display id): which cells re-ran, how long each took, which failed or were
 * skipped and why. The re-run cells show their own new output themselves; only where the client may not
 * (see {@link Frontend}, and a page reloaded since the cell ran) does an entry carry a copy of it.
 *
 * <p>The row is shown when the cascade starts, then updated at most every {@value #UPDATE_MS} ms while it
 * runs (a held-back change goes out from a timer), and its last state goes out when the request is done
 * ({@link #flush}). Each update carries the whole report, so updating it at every cell's start and end made
 * a cascade of n cells send O(n^2) text (100 cells: 3 MB per re-run).
 */
final class CascadeReport {
    private enum State { RUNNING, RERAN, FAILED, SKIPPED }

    private static final class Entry {
        final CellRef cell;
        final String verb;
        State state = State.RUNNING;
        String detail = "";
        String why;
        long millis = -1;
        String copy;

        Entry(CellRef cell, String verb) {
            this.cell = cell;
            this.verb = verb;
        }
    }

    static final long UPDATE_MS = 100;

    private final ExecutionContext context;
    private final String displayId;
    private long publishedAtNanos;
    /** A change not shown yet, and whether a timer will show it. */
    private boolean dirty;
    private boolean timerSet;
    /** False once a re-run's output had to be copied here (the client may not show it in its cell). */
    private boolean inPlace = true;
    private final Map<CellRef, Entry> entries = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();
    private int expected;
    private boolean shown;
    private final ScheduledExecutorService timer;

    CascadeReport(ExecutionContext context, String displayId, ScheduledExecutorService timer) {
        this.context = context;
        this.displayId = displayId;
        this.timer = timer;
    }

    /** {@code cells} more cells are about to re-run (called again when a cascade grows; fewer when negative). */
    synchronized void expect(int cells) {
        expected += cells;
        publish();
    }

    synchronized boolean has(CellRef cell) {
        return entries.containsKey(cell);
    }

    synchronized void started(CellRef cell, RunCause cause) {
        Entry e = new Entry(cell, cause.kind() == RunCause.Kind.STALE_INPUT ? "re-ran stale" : "re-ran");
        e.why = cause.why();
        entries.put(cell, e);
        publish();
    }

    synchronized void finished(CellRef cell, CellOutcome outcome, long millis, String copy) {
        Entry e = entries.get(cell);
        e.millis = millis;
        e.copy = copy;
        inPlace &= copy == null;
        if (outcome.ok()) {
            e.state = State.RERAN;
        } else {
            e.state = State.FAILED;
            e.detail = PlainText.withoutJShellNames(outcome.error().ename() + ": " + outcome.error().evalue());
        }
        publish();
    }

    synchronized void skipped(CellRef cell, String why) {
        Entry e = entries.computeIfAbsent(cell, c -> new Entry(c, "skipped"));
        e.state = State.SKIPPED;
        e.detail = why;
        publish();
    }

    /** Shows the change now if the row is new or was last updated long enough ago, else soon (timer or flush). */
    private void publish() {
        dirty = true;
        long sincePublished = System.nanoTime() - publishedAtNanos;
        if (!shown || sincePublished >= TimeUnit.MILLISECONDS.toNanos(UPDATE_MS)) {
            publishNow();
        } else if (!timerSet) {
            timerSet = true;
            try {
                timer.schedule(this::timedUpdate, TimeUnit.MILLISECONDS.toNanos(UPDATE_MS) - sincePublished,
                        TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                timerSet = false;
                publishNow();
            }
        }
    }

    private synchronized void timedUpdate() {
        timerSet = false;
        if (dirty) {
            publishNow();
        }
    }

    /** The request is done: what it changed last goes out now, before its reply. */
    synchronized void flush() {
        if (dirty) {
            publishNow();
        }
    }

    private void publishNow() {
        dirty = false;
        publishedAtNanos = System.nanoTime();
        Map<String, Object> bundle = Map.of("text/plain", text(), "text/html", html());
        if (shown) {
            context.updateDisplayData(bundle, Map.of(), displayId);
        } else {
            shown = true;
            context.displayData(bundle, Map.of(), displayId);
        }
    }

    private String headline() {
        long ran = entries.values().stream().filter(e -> e.state == State.RERAN || e.state == State.FAILED).count();
        long running = entries.values().stream().filter(e -> e.state == State.RUNNING).count();
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        if (expected > 0 && (running > 0 || ran + countOf(State.SKIPPED) < expected)) {
            return "re-running downstream cells: " + (ran + countOf(State.SKIPPED)) + "/" + expected + " done";
        }
        if (expected > 0) {
            return "re-ran " + ran + " of " + expected + " downstream cells in " + ms + " ms"
                    + (inPlace && ran > 0 ? " (their outputs are updated in place)" : "");
        }
        return "downstream cells:";
    }

    private long countOf(State state) {
        return entries.values().stream().filter(e -> e.state == state).count();
    }

    private String status(Entry e) {
        return switch (e.state) {
            case RUNNING -> "running";
            case RERAN -> e.millis + " ms" + (e.why == null ? "" : " (" + e.why + ")");
            case FAILED -> e.millis + " ms, failed: " + e.detail;
            case SKIPPED -> e.detail;
        };
    }

    private String verb(Entry e) {
        return switch (e.state) {
            case FAILED -> "failed";
            case SKIPPED -> "skipped";
            default -> e.verb;
        };
    }

    private String text() {
        StringBuilder out = new StringBuilder(headline());
        for (Entry e : entries.values()) {
            out.append("\n  ").append(verb(e)).append(' ').append(e.cell.label()).append(": ").append(status(e));
            if (e.copy != null && !e.copy.isEmpty()) {
                for (String line : e.copy.strip().split("\n")) {
                    out.append("\n      ").append(line);
                }
            }
        }
        return out.toString();
    }

    private String html() {
        StringBuilder out = new StringBuilder("<div class=\"reflow-rerun-report\"><div style=\"color:#555\">")
                .append(Html.escape(headline())).append("</div><table style=\"border-collapse:collapse;width:auto;margin:0\">");
        for (Entry e : entries.values()) {
            String color = switch (e.state) {
                case FAILED -> "#b00020";
                case SKIPPED -> "#8a6d3b";
                default -> "inherit";
            };
            // JupyterLab right-aligns table cells; a report reads left to right.
            out.append("<tr style=\"background:none\"><td style=\"text-align:left;white-space:nowrap;padding:0 1em 0 0;color:")
                    .append(color).append("\">").append(Html.escape(verb(e)))
                    .append("</td><td style=\"text-align:left;padding:0 1em 0 0\"><code>")
                    .append(Html.escape(e.cell.label())).append("</code></td><td style=\"text-align:left;color:")
                    .append(color).append("\">").append(Html.escape(status(e))).append("</td></tr>");
            if (e.copy != null && !e.copy.isEmpty()) {
                out.append("<tr style=\"background:none\"><td></td><td colspan=\"2\" style=\"text-align:left\"><pre style=\"margin:0\">")
                        .append(Html.escape(e.copy.strip())).append("</pre></td></tr>");
            }
        }
        return out.append("</table></div>").toString();
    }
}
