package reflow.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A button: {@code button("Run")}. Clicking it runs its {@link #onClick} listeners and re-runs the cells
 * that read {@link #clicks()}: a cell that should run on every click reads the count.
 */
public final class Button extends Widget {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger clicks = new AtomicInteger();

    Button(String label) {
        super("Button", layoutAnd(Style.button()));
        domWidget();
        put("button_style", "");
        put("description", label);
        put("disabled", false);
        put("icon", "");
        styled();
        open();
    }

    /** Runs {@code listener} (on the kernel's cell thread, so an interrupt stops it) at each click. */
    public Button onClick(Runnable listener) {
        listeners.add(listener);
        return this;
    }

    /** How often the button was clicked; a tracked cell reading this re-runs at each click. */
    public int clicks() {
        session().recordRead(this);
        return clicks.get();
    }

    @Override
    boolean isValueChange(java.util.Set<String> keys) {
        return false;
    }

    @Override
    boolean customMessage(JsonNode content) {
        if (!content.path("event").asText("").equals("click")) {
            return false;
        }
        clicks.incrementAndGet();
        for (Runnable listener : listeners) {
            session().runListener(this, "onClick", listener);
        }
        return true;
    }

    @Override
    String summary() {
        return "description=" + get("description") + ", clicks=" + clicks.get();
    }

    @Override
    public Button description(String text) {
        super.description(text);
        return this;
    }

    @Override
    public Button disabled(boolean disabled) {
        super.disabled(disabled);
        return this;
    }
}
