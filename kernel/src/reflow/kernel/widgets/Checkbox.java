package reflow.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;

/** A box to tick: {@code checkbox("show grid", true)}. */
public final class Checkbox extends ValueWidget<Boolean> {
    Checkbox(String description, boolean value) {
        super("Checkbox", layoutAnd(Style.checkbox()));
        domWidget();
        described();
        put("description", description);
        put("disabled", false);
        put("indent", true);
        put("value", value);
        open();
    }

    @Override Object encode(Boolean value) { return value; }
    @Override Boolean decode(Object state) { return (Boolean) state; }
    @Override Boolean fromJson(JsonNode json) { return json.isBoolean() ? json.booleanValue() : null; }

    @Override
    public Checkbox description(String text) {
        super.description(text);
        return this;
    }

    @Override
    public Checkbox disabled(boolean disabled) {
        super.disabled(disabled);
        return this;
    }

    @Override
    public Checkbox value(Boolean value) {
        super.value(value);
        return this;
    }

    @Override
    public Checkbox onChange(java.util.function.Consumer<Boolean> listener) {
        super.onChange(listener);
        return this;
    }
}
