package reflow.kernel.reactive;

import java.util.Map;
import java.util.UUID;
import reflow.protocol.ExecutionContext;

/**
 * A progress line in the triggering cell while a cascade of more than a few cells runs, updated in place
 * (display_data with its own display_id, then update_display_data), ending with the total time.
 */
final class CascadeProgress {
    private static final int SHOW_ABOVE = 3;

    private final ExecutionContext context;
    private final String displayId;
    private int total;
    private final long startNanos = System.nanoTime();
    private int done;
    /** Decided once at the start: a line that was never shown cannot be updated. */
    private final boolean shown;

    CascadeProgress(ExecutionContext context, String kernelSession, int total) {
        this.context = context;
        this.total = total;
        this.displayId = "reflow-" + kernelSession + "-progress-" + UUID.randomUUID();
        this.shown = total > SHOW_ABOVE;
        if (shown) {
            context.displayData(bundle(line()), Map.of(), displayId);
        }
    }

    void step() {
        done++;
        if (shown) {
            context.updateDisplayData(bundle(line()), Map.of(), displayId);
        }
    }

    /** A re-run reset values held by cells outside the plan: they join it. */
    void grow(int more) {
        total += Math.max(0, more);
    }

    void done() {
        if (shown) {
            long ms = (System.nanoTime() - startNanos) / 1_000_000;
            context.updateDisplayData(bundle("re-ran " + done + " of " + total + " downstream cells in " + ms + " ms"),
                    Map.of(), displayId);
        }
    }

    private String line() {
        return "re-running downstream cells: " + done + "/" + total + " done";
    }

    private static Map<String, Object> bundle(String text) {
        return Map.of("text/plain", text);
    }
}
