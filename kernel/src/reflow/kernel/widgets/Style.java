package reflow.kernel.widgets;

import java.util.Arrays;
import java.util.List;

/** A style model (SliderStyleModel, DescriptionStyleModel...): view StyleView of the base module. */
final class Style extends Widget {
    /** {@code keys} with null defaults, besides description_width (""), which all but ButtonStyle have. */
    Style(String modelName, boolean describes, String... nullKeys) {
        super(CONTROLS, modelName, BASE, "StyleView", List.of());
        if (describes) {
            put("description_width", "");
        }
        Arrays.stream(nullKeys).forEach(k -> put(k, null));
        open();
    }

    static Style slider() { return new Style("SliderStyleModel", true, "handle_color"); }
    static Style description() { return new Style("DescriptionStyleModel", true); }
    static Style checkbox() { return new Style("CheckboxStyleModel", true, "background"); }
    static Style text() { return new Style("TextStyleModel", true, "background", "font_size", "text_color"); }
    static Style progress() { return new Style("ProgressStyleModel", true, "bar_color"); }
    static Style button() {
        return new Style("ButtonStyleModel", false, "button_color", "font_family", "font_size", "font_style",
                "font_variant", "font_weight", "text_color", "text_decoration");
    }
    static Style html() { return new Style("HTMLStyleModel", true, "background", "font_size", "text_color"); }
}
