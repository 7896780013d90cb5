package reflow.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;

/** A slider over whole numbers: {@code slider(0, 100, 50)}. */
public final class IntSlider extends ValueWidget<Integer> {
    IntSlider(String description, int min, int max, int value, int step) {
        super("IntSlider", layoutAnd(Style.slider()));
        Bounds.check(min, max, value, step);
        domWidget();
        described();
        put("description", description);
        put("behavior", "drag-tap");
        put("continuous_update", true);
        put("disabled", false);
        put("max", max);
        put("min", min);
        put("orientation", "horizontal");
        put("readout", true);
        put("readout_format", "d");
        put("step", step);
        put("value", value);
        open();
    }

    public int min() { return (Integer) get("min"); }
    public int max() { return (Integer) get("max"); }

    @Override Object encode(Integer value) { return value; }
    @Override Integer decode(Object state) { return ((Number) state).intValue(); }

    @Override
    Integer checked(Integer value) {
        super.checked(value);
        if (value < min() || value > max()) {
            throw new IllegalArgumentException("slider value " + value + " is outside its range " + min() + ".." + max());
        }
        return value;
    }

    @Override
    Integer fromJson(JsonNode json) {
        return json.isIntegralNumber() && json.canConvertToInt() ? json.intValue() : null;
    }

    /** Shows the slider vertically. */
    public IntSlider vertical() {
        set("orientation", "vertical");
        return this;
    }

    /** Only send the value when the user lets go of the handle (fewer re-runs for slow readers). */
    public IntSlider onRelease() {
        set("continuous_update", false);
        return this;
    }

    @Override
    public IntSlider description(String text) {
        super.description(text);
        return this;
    }

    @Override
    public IntSlider disabled(boolean disabled) {
        super.disabled(disabled);
        return this;
    }

    @Override
    public IntSlider value(Integer value) {
        super.value(value);
        return this;
    }

    @Override
    public IntSlider onChange(java.util.function.Consumer<Integer> listener) {
        super.onChange(listener);
        return this;
    }
}
