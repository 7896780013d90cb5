package reflow.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** A colour chooser: {@code colorPicker("#ff8800")}; its value is a CSS colour ("#rrggbb" from the frontend). */
public final class ColorPicker extends ValueWidget<String> {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]+");

    ColorPicker(String value) {
        super("ColorPicker", layoutAnd(Style.description()));
        domWidget();
        put("concise", false);
        described();
        put("disabled", false);
        put("value", checked(value));
        open();
    }

    @Override Object encode(String value) { return value; }
    @Override String decode(Object state) { return (String) state; }
    @Override String fromJson(JsonNode json) { return json.isTextual() ? json.textValue() : null; }

    @Override
    String checked(String value) {
        super.checked(value);
        if (!COLOR.matcher(value).matches()) {
            throw new IllegalArgumentException("`" + value + "` is not a colour: use #rgb, #rrggbb or a CSS name like red");
        }
        return value;
    }

    @Override
    public ColorPicker description(String text) {
        super.description(text);
        return this;
    }

    @Override
    public ColorPicker disabled(boolean disabled) {
        super.disabled(disabled);
        return this;
    }

    @Override
    public ColorPicker value(String value) {
        super.value(value);
        return this;
    }

    @Override
    public ColorPicker onChange(java.util.function.Consumer<String> listener) {
        super.onChange(listener);
        return this;
    }
}
