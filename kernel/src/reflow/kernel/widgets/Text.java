package reflow.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;

/** A line of text ({@code text("hello")}) or, from {@code textarea(...)}, several lines. */
public final class Text extends ValueWidget<String> {
    Text(String name, String value) {
        super(name, layoutAnd(Style.text()));
        domWidget();
        put("continuous_update", true);
        described();
        put("disabled", false);
        put("placeholder", "\u200b");
        if (name.equals("Textarea")) {
            put("rows", null);
        }
        put("value", value);
        open();
    }

    /** The grey hint shown while the box is empty. */
    public Text placeholder(String hint) {
        set("placeholder", hint);
        return this;
    }

    /** Only send the text when the user presses Enter or leaves the box, not at every keystroke. */
    public Text onSubmit() {
        set("continuous_update", false);
        return this;
    }

    @Override Object encode(String value) { return value; }
    @Override String decode(Object state) { return (String) state; }
    @Override String fromJson(JsonNode json) { return json.isTextual() ? json.textValue() : null; }

    @Override
    public Text description(String text) {
        super.description(text);
        return this;
    }

    @Override
    public Text disabled(boolean disabled) {
        super.disabled(disabled);
        return this;
    }

    @Override
    public Text value(String value) {
        super.value(value);
        return this;
    }

    @Override
    public Text onChange(java.util.function.Consumer<String> listener) {
        super.onChange(listener);
        return this;
    }
}
