package reflow.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;

/** A progress bar the code moves: {@code var p = progress(0, 100); ... p.value(i);}. Users cannot change it. */
public final class Progress extends ValueWidget<Integer> {
    Progress(int min, int max, int value) {
        super("IntProgress", layoutAnd(Style.progress()));
        Bounds.check(min, max, value, 1);
        put("_view_name", "ProgressView");
        domWidget();
        put("bar_style", "");
        described();
        put("max", max);
        put("min", min);
        put("orientation", "horizontal");
        put("value", value);
        open();
    }

    /** "success", "info", "warning", "danger" or "" (the default colour). */
    public Progress barStyle(String style) {
        if (!java.util.List.of("success", "info", "warning", "danger", "").contains(style)) {
            throw new IllegalArgumentException("bar style must be success, info, warning, danger or \"\", not " + style);
        }
        set("bar_style", style);
        return this;
    }

    @Override Object encode(Integer value) { return value; }
    @Override Integer decode(Object state) { return ((Number) state).intValue(); }
    @Override Integer fromJson(JsonNode json) { return null; } // a frontend never changes a progress bar

    @Override
    Integer checked(Integer value) {
        super.checked(value);
        // Past either end the bar is just full or empty; clamping keeps a loop's last step from failing.
        return Math.max((Integer) get("min"), Math.min((Integer) get("max"), value));
    }

    @Override
    public Progress description(String text) {
        super.description(text);
        return this;
    }


    @Override
    public Progress value(Integer value) {
        super.value(value);
        return this;
    }
}
