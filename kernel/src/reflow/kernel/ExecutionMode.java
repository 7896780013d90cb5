package reflow.kernel;

import java.util.Locale;

/** Relaxed (cells share objects) or strict (cells get deep copies of other cells' values). */
enum ExecutionMode {
    RELAXED("cells share objects, as in any kernel"),
    STRICT("cells get deep copies of the values they use from other cells; names must come from live cells");

    private final String meaning;

    ExecutionMode(String meaning) {
        this.meaning = meaning;
    }

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    String meaning() {
        return meaning;
    }

    static ExecutionMode parse(String text) {
        for (ExecutionMode m : values()) {
            if (m.word().equals(text.toLowerCase(Locale.ROOT))) return m;
        }
        return null;
    }
}
