package reflow.kernel.widgets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reflow.kernel.display.MimeBundle;
import reflow.kernel.display.PlainText;
import reflow.kernel.notebook.Notebook;
import reflow.kernel.notebook.NotebookRuntime;

/**
 * An area that shows what a block of code prints and displays, as the Output widget of
 * {@code @jupyter-widgets/output}: {@code var out = output(); out.capture(() -> System.out.println("hi"));}.
 * Its outputs are its state (nbformat outputs), so every frontend shows them, also after a reload.
 */
public final class Output extends Widget implements NotebookRuntime.OutputSink {
    private static final String MODULE = "@jupyter-widgets/output";
    private final List<Map<String, Object>> outputs = new ArrayList<>();
    private boolean clearAtNext;

    Output() {
        super(MODULE, "1.0.0", "OutputModel", MODULE, "1.0.0", "OutputView", List.of(new Layout()));
        domWidget();
        put("msg_id", "");
        put("outputs", List.of());
        open();
    }

    /** Runs {@code block}; what it prints (System.out/err) and displays on this thread shows here. */
    public Output capture(Runnable block) {
        Notebook.captured(this, block);
        return this;
    }

    /** Empties the area. */
    public Output clear() {
        clear(false);
        return this;
    }

    /** Shows {@code value} (every type it offers) at the end of the area. */
    public Output show(Object value) {
        display(value);
        return this;
    }

    @Override
    public synchronized void write(String streamName, String text) {
        beforeOutput();
        Map<String, Object> last = outputs.isEmpty() ? null : outputs.get(outputs.size() - 1);
        String cleaned = PlainText.withoutJShellNames(text);
        if (last != null && "stream".equals(last.get("output_type")) && streamName.equals(last.get("name"))) {
            last.put("text", last.get("text") + cleaned);
        } else {
            Map<String, Object> stream = new LinkedHashMap<>();
            stream.put("output_type", "stream");
            stream.put("name", streamName);
            stream.put("text", cleaned);
            outputs.add(stream);
        }
        publish();
    }

    @Override
    public synchronized void display(Object value) {
        beforeOutput();
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("output_type", "display_data");
        shown.put("data", MimeBundle.of(value));
        shown.put("metadata", Map.of());
        outputs.add(shown);
        publish();
    }

    @Override
    public synchronized void clear(boolean wait) {
        if (wait) {
            clearAtNext = true; // as clear_output(wait=True): the old output stays until the new one comes
            return;
        }
        outputs.clear();
        publish();
    }

    private void beforeOutput() {
        if (clearAtNext) {
            clearAtNext = false;
            outputs.clear();
        }
    }

    private void publish() {
        List<Map<String, Object>> copy = new ArrayList<>();
        outputs.forEach(o -> copy.add(new LinkedHashMap<>(o)));
        set("outputs", copy);
    }

    @Override
    boolean isValueChange(java.util.Set<String> keys) {
        return false;
    }

    @Override
    String summary() {
        synchronized (this) {
            return outputs.size() + " outputs";
        }
    }
}
