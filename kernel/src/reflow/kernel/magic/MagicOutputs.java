package reflow.kernel.magic;

import java.util.Map;
import reflow.protocol.ExecutionContext;

/** Magic output onto the request's IOPub: display_data, and update_display_data for progress in place. */
public final class MagicOutputs {
    private MagicOutputs() {}

    public static MagicOutput of(ExecutionContext context) {
        return new MagicOutput() {
            @Override public void display(Map<String, Object> bundle, String displayId) {
                context.displayData(bundle, Map.of(), displayId);
            }
            @Override public void update(Map<String, Object> bundle, String displayId) {
                context.updateDisplayData(bundle, Map.of(), displayId);
            }
        };
    }

    /** Shows what a magic returned, if anything. */
    public static void show(Map<String, Object> bundle, ExecutionContext context) {
        if (bundle != null) {
            context.displayData(bundle, Map.of(), null);
        }
    }
}
