package reflow.kernel.widgets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A widget with a value the user changes. {@code value()} reads it, and a tracked cell that reads it
 * becomes a reader: when the user changes the value in the frontend, exactly the readers re-run (and
 * what depends on them), not the cell that created the widget. {@code value(x)} sets it from code (the
 * frontends follow; readers do not re-run, as no user changed anything); {@code onChange} listens to both.
 *
 * @param <T> the value's type, always immutable (Integer, Double, String, Boolean, LocalDate, Range)
 */
public abstract class ValueWidget<T> extends Widget {
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();

    ValueWidget(String name, List<Widget> parts) {
        super(name, parts);
    }

    /** The current value; a tracked cell calling this re-runs when the user changes it. */
    public T value() {
        session().recordRead(this);
        return current();
    }

    /** Sets the value (checked as the user's would be); frontends show it, listeners hear it. */
    public ValueWidget<T> value(T value) {
        Object encoded = encode(checked(value));
        if (java.util.Objects.equals(encoded, get(valueKey()))) {
            return this; // no change: nothing to send, no listener to call (a listener setting it again stops here)
        }
        set(valueKey(), encoded);
        notifyListeners();
        return this;
    }

    /** Calls {@code listener} with the new value after each change, the user's or the code's. */
    public ValueWidget<T> onChange(Consumer<T> listener) {
        listeners.add(listener);
        return this;
    }

    /** The value without recording a read (for text and listeners). */
    final T current() {
        return decode(get(valueKey()));
    }

    /** The state key holding the value ("index" for a dropdown, which shows labels). */
    String valueKey() {
        return "value";
    }

    @Override
    boolean isValueChange(Set<String> keys) {
        return keys.contains(valueKey());
    }

    /** The value as the state holds it. */
    abstract Object encode(T value);

    abstract T decode(Object stateValue);

    /** The value a user may set, or an IllegalArgumentException saying why not. */
    T checked(T value) {
        if (value == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " value must not be null");
        }
        return value;
    }

    /** A frontend's value in JSON, or null when it is not one this widget takes. */
    abstract T fromJson(JsonNode json);

    @Override
    Map<String, Object> applyFromFrontend(JsonNode update) {
        JsonNode sent = update.get(valueKey());
        if (sent == null) {
            return Map.of();
        }
        T value = fromJson(sent);
        if (value == null) {
            reflow.protocol.KernelLog.warn("widgets: " + this + ": ignored value " + sent + " from the frontend");
            return Map.of();
        }
        try {
            value = checked(value);
        } catch (IllegalArgumentException e) {
            reflow.protocol.KernelLog.warn("widgets: " + this + ": ignored value " + sent + ": " + e.getMessage());
            return Map.of();
        }
        Object encoded = encode(value);
        put(valueKey(), encoded);
        Map<String, Object> accepted = new java.util.LinkedHashMap<>();
        accepted.put(valueKey(), encoded);
        return accepted;
    }

    @Override
    void changedByFrontend(Set<String> keys) {
        if (isValueChange(keys)) {
            notifyListeners();
        }
    }

    final void notifyListeners() {
        if (listeners.isEmpty()) {
            return;
        }
        T now = current();
        for (Consumer<T> listener : listeners) {
            session().runListener(this, "onChange", () -> listener.accept(now));
        }
    }

    @Override
    String summary() {
        String described = super.summary();
        return "value=" + current() + (described.isEmpty() ? "" : ", " + described);
    }
}
