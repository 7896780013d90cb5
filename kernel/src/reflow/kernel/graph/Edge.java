package reflow.kernel.graph;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A dependency between two cells: {@code to} refers to {@code names} that {@code from} defines, so
 * {@code to} must run after {@code from}.
 */
public record Edge(String from, String to, Set<String> names) {
    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    /** For messages: {@code a -> b (x, y)}. */
    public String describe() {
        return from + " -> " + to + " (" + String.join(", ", names) + ")";
    }
}
