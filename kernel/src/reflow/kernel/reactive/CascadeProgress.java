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
    private final int total;
    private final long startNanos = System.nanoTime();
    private int done;

    CascadeProgress(ExecutionContext context, String kernelSession, int total) {
        this.context = context;
        this.total = total;
        this.displayId = "reflow-" + kernelSession + "-progress-" + UUID.randomUUID();
        if (total > SHOW_ABOVE) {
            context.displayData(bundle(line()), Map.of(), displayId);
        }
    }

    void step() {
        done++;
        if (total > SHOW_ABOVE) {
            context.updateDisplayData(bundle(line()), Map.of(), displayId);
        }
    }

    void done() {
        if (total > SHOW_ABOVE) {
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
