package reflow.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;

/** A slider over decimal numbers: {@code floatSlider(0.0, 1.0, 0.5)}. */
public final class FloatSlider extends Slider<Double, FloatSlider> {
    FloatSlider(double min, double max, double value, double step) {
        super("FloatSlider", min, max, step, value, ".2f");
        Bounds.check(min, max, value, step);
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
}
