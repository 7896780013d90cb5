package reflow.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;

/** A slider over whole numbers: {@code slider(0, 100, 50)}. */
public final class IntSlider extends Slider<Integer, IntSlider> {
    IntSlider(String description, int min, int max, int value, int step) {
        super("IntSlider", min, max, step, value, "d");
        Bounds.check(min, max, value, step);
        put("description", description);
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
}
