package reflow.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A slider with two handles: {@code intRange(0, 100, 20, 80)}; its value is a {@link Range}. */
public final class IntRangeSlider extends Slider<Range, IntRangeSlider> {
    IntRangeSlider(int min, int max, Range value, int step) {
        super("IntRangeSlider", min, max, step, List.of(value.low(), value.high()), "d");
        Bounds.check(min, max, value.low(), step);
        Bounds.check(min, max, value.high(), step);
        open();
    }

    public int min() { return (Integer) get("min"); }
    public int max() { return (Integer) get("max"); }

    @Override Object encode(Range value) { return List.of(value.low(), value.high()); }

    @Override
    Range decode(Object state) {
        List<?> ends = (List<?>) state;
        return new Range(((Number) ends.get(0)).intValue(), ((Number) ends.get(1)).intValue());
    }

    @Override
    Range checked(Range value) {
        super.checked(value);
        if (value.low() < min() || value.high() > max()) {
            throw new IllegalArgumentException("range " + value + " is outside the slider's " + min() + ".." + max());
        }
        return value;
    }

    @Override
    Range fromJson(JsonNode json) {
        if (json.isArray() && json.size() == 2 && json.get(0).canConvertToInt() && json.get(1).canConvertToInt()
                && json.get(0).intValue() <= json.get(1).intValue()) {
            return new Range(json.get(0).intValue(), json.get(1).intValue());
        }
        return null;
    }
}
