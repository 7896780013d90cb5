package reflow.kernel.widgets;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The widget functions every cell can call without imports (the kernel adds
 * {@code import static reflow.kernel.widgets.Widgets.*;}). A cell that ends with a widget shows it;
 * a cell that reads {@code w.value()} re-runs when the user changes it.
 *
 * <pre>{@code
 * var n = slider(1, 10, 3);          // cell 1: shows the slider
 * int squared = n.value() * n.value();  // cell 2: re-runs whenever the slider moves
 * }</pre>
 */
public final class Widgets {
    private Widgets() {}

    /** A whole-number slider from {@code min} to {@code max} (both included), at {@code value}. */
    public static IntSlider slider(int min, int max, int value) {
        return new IntSlider("", min, max, value, 1);
    }

    public static IntSlider slider(int min, int max, int value, int step) {
        return new IntSlider("", min, max, value, step);
    }

    /** A labelled slider: {@code slider("n", 1, 10, 3)}. */
    public static IntSlider slider(String description, int min, int max, int value) {
        return new IntSlider(description, min, max, value, 1);
    }

    /** A decimal slider with 100 steps over the range. */
    public static FloatSlider floatSlider(double min, double max, double value) {
        return new FloatSlider(min, max, value, (max - min) / 100 > 0 ? (max - min) / 100 : 0.1);
    }

    public static FloatSlider floatSlider(double min, double max, double value, double step) {
        return new FloatSlider(min, max, value, step);
    }

    /** A slider with two handles selecting {@code low..high} within {@code min..max}. */
    public static IntRangeSlider intRange(int min, int max, int low, int high) {
        return new IntRangeSlider(min, max, new Range(low, high), 1);
    }

    /** A dropdown of these labels; the first is selected. */
    public static Dropdown dropdown(String... options) {
        if (options.length == 0) {
            throw new IllegalArgumentException("dropdown(...) needs at least one option");
        }
        return new Dropdown(Arrays.asList(options), options[0]);
    }

    /** A dropdown of the values' texts (an enum's constants, numbers...), the first selected. */
    public static Dropdown dropdown(List<?> options) {
        List<String> labels = new ArrayList<>();
        options.forEach(o -> labels.add(String.valueOf(o)));
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("dropdown(...) needs at least one option");
        }
        return new Dropdown(labels, labels.get(0));
    }

    public static Checkbox checkbox(boolean value) {
        return new Checkbox("", value);
    }

    public static Checkbox checkbox(String description, boolean value) {
        return new Checkbox(description, value);
    }

    public static Text text(String value) {
        return new Text("Text", value);
    }

    public static Text textarea(String value) {
        return new Text("Textarea", value);
    }

    public static Button button(String label) {
        return new Button(label);
    }

    public static DatePicker datePicker(LocalDate value) {
        return new DatePicker(value);
    }

    public static ColorPicker colorPicker(String value) {
        return new ColorPicker(value);
    }

    /** A progress bar from {@code min} to {@code max}, at {@code min}. */
    public static Progress progress(int min, int max) {
        return new Progress(min, max, min);
    }

    /** An area for output: {@code out.capture(() -> ...)} shows there what the block prints and displays. */
    public static Output output() {
        return new Output();
    }

    /**
     * The widgets above an area that shows {@code fn}'s result, computed again whenever one of them changes
     * (what it prints shows there too): {@code interact(() -> n.value() * n.value(), n)}. The cell that
     * calls it does not re-run, and the result is not a reader of the widgets.
     */
    public static Box interact(java.util.function.Supplier<?> fn, Widget... controls) {
        Output out = new Output();
        Runnable show = () -> {
            out.clear(true);
            out.capture(() -> {
                Object result = fn.get();
                if (result != null) {
                    out.show(result);
                }
            });
        };
        for (Widget control : controls) {
            if (control instanceof ValueWidget<?> value) {
                value.onChange(v -> show.run());
            } else if (control instanceof Button button) {
                button.onClick(show);
            }
        }
        WidgetSession.current().withoutReads(show);
        List<Widget> children = new ArrayList<>(List.of(controls));
        children.add(out);
        return new Box("VBox", children, null);
    }

    public static Box hbox(Widget... children) {
        return new Box("HBox", List.of(children), null);
    }

    public static Box vbox(Widget... children) {
        return new Box("VBox", List.of(children), null);
    }

    /** Tabs titled by the map's keys, in its order (use a LinkedHashMap, or Map.of for one or two). */
    public static Box tabs(Map<String, ? extends Widget> tabs) {
        return new Box("Tab", new ArrayList<>(tabs.values()), new ArrayList<>(tabs.keySet()));
    }
}
