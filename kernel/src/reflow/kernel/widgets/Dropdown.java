package reflow.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A choice among labels: {@code dropdown("red", "green", "blue")}; its value is the chosen label. */
public final class Dropdown extends ValueWidget<String> {
    private final List<String> options;

    Dropdown(List<String> options, String selected) {
        super("Dropdown", layoutAnd(Style.description()));
        if (options.isEmpty()) {
            throw new IllegalArgumentException("dropdown(...) needs at least one option");
        }
        if (options.stream().distinct().count() != options.size()) {
            throw new IllegalArgumentException("dropdown options must differ from each other: " + options);
        }
        this.options = List.copyOf(options);
        domWidget();
        put("_options_labels", this.options);
        described();
        put("disabled", false);
        put("index", encode(checked(selected)));
        open();
    }

    public List<String> options() {
        return options;
    }

    @Override String valueKey() { return "index"; }
    @Override Object encode(String label) { return options.indexOf(label); }
    @Override String decode(Object state) { return state == null ? null : options.get(((Number) state).intValue()); }

    @Override
    String checked(String label) {
        super.checked(label);
        if (!options.contains(label)) {
            throw new IllegalArgumentException("`" + label + "` is not one of the dropdown's options " + options);
        }
        return label;
    }

    @Override
    String fromJson(JsonNode json) {
        return json.canConvertToInt() && json.intValue() >= 0 && json.intValue() < options.size()
                ? options.get(json.intValue()) : null;
    }

    @Override
    public Dropdown description(String text) {
        super.description(text);
        return this;
    }

    @Override
    public Dropdown disabled(boolean disabled) {
        super.disabled(disabled);
        return this;
    }

    @Override
    public Dropdown value(String value) {
        super.value(value);
        return this;
    }

    @Override
    public Dropdown onChange(java.util.function.Consumer<String> listener) {
        super.onChange(listener);
        return this;
    }
}
