package reflow.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A date chooser: {@code datePicker(LocalDate.of(2026, 12, 1))}. On the wire a date is {year, month, date}
 * with January as month 0 (what {@code @jupyter-widgets/controls} serialises); null means no date chosen.
 */
public final class DatePicker extends ValueWidget<LocalDate> {
    DatePicker(LocalDate value) {
        super("DatePicker", layoutAnd(Style.description()));
        domWidget();
        described();
        put("disabled", false);
        put("max", null);
        put("min", null);
        put("step", 1);
        put("value", value == null ? null : encode(value));
        open();
    }

    @Override
    LocalDate checked(LocalDate value) {
        return value; // no date chosen is a valid state
    }

    @Override
    Object encode(LocalDate value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> date = new LinkedHashMap<>();
        date.put("year", value.getYear());
        date.put("month", value.getMonthValue() - 1);
        date.put("date", value.getDayOfMonth());
        return date;
    }

    @Override
    LocalDate decode(Object state) {
        if (!(state instanceof Map<?, ?> date)) {
            return null;
        }
        return LocalDate.of(((Number) date.get("year")).intValue(), ((Number) date.get("month")).intValue() + 1,
                ((Number) date.get("date")).intValue());
    }

    @Override
    Map<String, Object> applyFromFrontend(JsonNode update) {
        JsonNode sent = update.get("value");
        if (sent != null && sent.isNull()) {
            put("value", null);
            Map<String, Object> cleared = new LinkedHashMap<>();
            cleared.put("value", null);
            return cleared;
        }
        return super.applyFromFrontend(update);
    }

    @Override
    LocalDate fromJson(JsonNode json) {
        try {
            return json.isObject() ? LocalDate.of(json.path("year").asInt(), json.path("month").asInt() + 1,
                    json.path("date").asInt()) : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Override
    public DatePicker description(String text) {
        super.description(text);
        return this;
    }

    @Override
    public DatePicker disabled(boolean disabled) {
        super.disabled(disabled);
        return this;
    }

    @Override
    public DatePicker value(java.time.LocalDate value) {
        super.value(value);
        return this;
    }

    @Override
    public DatePicker onChange(java.util.function.Consumer<java.time.LocalDate> listener) {
        super.onChange(listener);
        return this;
    }
}
