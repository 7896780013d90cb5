package reflow.kernel.widgets;

import java.util.List;

/** The LayoutModel every DOM widget refers to: CSS properties, all unset (null) by default. */
public final class Layout extends Widget {
    private static final List<String> PROPERTIES = List.of("align_content", "align_items", "align_self",
            "border_bottom", "border_left", "border_right", "border_top", "bottom", "display", "flex", "flex_flow",
            "grid_area", "grid_auto_columns", "grid_auto_flow", "grid_auto_rows", "grid_column", "grid_gap",
            "grid_row", "grid_template_areas", "grid_template_columns", "grid_template_rows", "height",
            "justify_content", "justify_items", "left", "margin", "max_height", "max_width", "min_height",
            "min_width", "object_fit", "object_position", "order", "overflow", "padding", "right", "top",
            "visibility", "width");

    Layout() {
        super(BASE, "LayoutModel", BASE, "LayoutView", List.of());
        PROPERTIES.forEach(p -> put(p, null));
        open();
    }

    /** Sets a CSS property by its widget name, e.g. {@code width("300px")} is {@code layout.width}. */
    public Layout property(String name, String value) {
        if (!PROPERTIES.contains(name)) {
            throw new IllegalArgumentException("no layout property `" + name + "`; the properties are " + PROPERTIES);
        }
        set(name, value);
        return this;
    }
}
