package reflow.kernel.widgets;

import java.util.ArrayList;
import java.util.List;

/**
 * Widgets side by side ({@code hbox(a, b)}), one above the other ({@code vbox(a, b)}) or in tabs
 * ({@code tabs(Map.of("Data", a, "Plot", b))}). The children keep their own comms and readers.
 */
public final class Box extends Widget {
    private final List<Widget> children;

    Box(String name, List<? extends Widget> children, List<String> titles) {
        super(name, List.of(new Layout()));
        this.children = List.copyOf(children);
        for (Widget child : this.children) {
            if (child.isClosed()) {
                throw new IllegalArgumentException(child + " is closed (its cell ran again); use the new one");
            }
        }
        domWidget();
        put("box_style", "");
        List<String> references = new ArrayList<>();
        this.children.forEach(c -> references.add(c.reference()));
        put("children", references);
        if (titles != null) {
            put("selected_index", this.children.isEmpty() ? null : 0);
            put("titles", List.copyOf(titles));
        }
        open();
    }

    public List<Widget> children() {
        return children;
    }

    /** Tabs: the index of the tab shown. */
    public Integer selectedIndex() {
        return (Integer) get("selected_index");
    }

    @Override
    java.util.Map<String, Object> applyFromFrontend(com.fasterxml.jackson.databind.JsonNode update) {
        com.fasterxml.jackson.databind.JsonNode index = update.get("selected_index");
        if (get("titles") == null || index == null || !index.canConvertToInt() || index.intValue() < 0
                || index.intValue() >= children.size()) {
            return java.util.Map.of();
        }
        put("selected_index", index.intValue());
        return java.util.Map.of("selected_index", index.intValue());
    }

    @Override
    boolean isValueChange(java.util.Set<String> keys) {
        return false;
    }

    @Override
    String summary() {
        return children.size() + " children";
    }
}
