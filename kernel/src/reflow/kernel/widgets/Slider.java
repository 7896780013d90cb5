package reflow.kernel.widgets;

import java.util.function.Consumer;

/**
 * What the sliders share: the controls' slider state (orientation, readout, continuous updates, bounds,
 * step) and fluent setters that return the slider's own type ({@code slider(0, 10, 3).vertical()} is still
 * an {@link IntSlider}).
 *
 * @param <T> the value's type
 * @param <S> the slider's own type
 */
public abstract class Slider<T, S extends Slider<T, S>> extends ValueWidget<T> {
    Slider(String modelName, Number min, Number max, Number step, Object encodedValue, String readoutFormat) {
        super(modelName, layoutAnd(Style.slider()));
        domWidget();
        described();
        put("behavior", "drag-tap");
        put("continuous_update", true);
        put("disabled", false);
        put("max", max);
        put("min", min);
        put("orientation", "horizontal");
        put("readout", true);
        put("readout_format", readoutFormat);
        put("step", step);
        put("value", encodedValue);
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** Shows the slider vertically. */
    public S vertical() {
        set("orientation", "vertical");
        return self();
    }

    /** Only send the value when the user lets go of the handle (fewer re-runs for slow readers). */
    public S onRelease() {
        set("continuous_update", false);
        return self();
    }

    /** The readout's format, a d3-format string such as "d", ".1f" or ".0%". */
    public S format(String d3Format) {
        set("readout_format", d3Format);
        return self();
    }

    @Override
    public S description(String text) {
        super.description(text);
        return self();
    }

    @Override
    public S disabled(boolean disabled) {
        super.disabled(disabled);
        return self();
    }

    @Override
    public S value(T value) {
        super.value(value);
        return self();
    }

    @Override
    public S onChange(Consumer<T> listener) {
        super.onChange(listener);
        return self();
    }
}
