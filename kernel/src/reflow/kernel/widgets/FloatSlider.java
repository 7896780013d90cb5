package reflow.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;

/** A slider over decimal numbers: {@code floatSlider(0.0, 1.0, 0.5)}. */
public final class FloatSlider extends ValueWidget<Double> {
    FloatSlider(double min, double max, double value, double step) {
        super("FloatSlider", layoutAnd(Style.slider()));
        Bounds.check(min, max, value, step);
        domWidget();
        described();
        put("behavior", "drag-tap");
        put("continuous_update", true);
        put("disabled", false);
        put("max", max);
        put("min", min);
        put("orientation", "horizontal");
        put("readout", true);
        put("readout_format", ".2f");
        put("step", step);
        put("value", value);
        open();
    }

    public double min() { return (Double) get("min"); }
    public double max() { return (Double) get("max"); }

    @Override Object encode(Double value) { return value; }
    @Override Double decode(Object state) { return ((Number) state).doubleValue(); }

    @Override
    Double checked(Double value) {
        super.checked(value);
        if (!(value >= min() && value <= max())) {
            throw new IllegalArgumentException("slider value " + value + " is outside its range " + min() + ".." + max());
        }
        return value;
    }

    @Override
    Double fromJson(JsonNode json) {
        return json.isNumber() ? json.doubleValue() : null;
    }

    /** The readout's format, a d3-format string such as ".1f" or ".0%". */
    public FloatSlider format(String d3Format) {
        set("readout_format", d3Format);
        return this;
    }

    @Override
    public FloatSlider description(String text) {
        super.description(text);
        return this;
    }

    @Override
    public FloatSlider disabled(boolean disabled) {
        super.disabled(disabled);
        return this;
    }

    @Override
    public FloatSlider value(Double value) {
        super.value(value);
        return this;
    }

    @Override
    public FloatSlider onChange(java.util.function.Consumer<Double> listener) {
        super.onChange(listener);
        return this;
    }
}
