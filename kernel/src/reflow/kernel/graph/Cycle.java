package reflow.kernel.graph;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Cells that depend on each other in a loop, so none of them can run first. {@code cells} is in cell
 * order; {@code edges} are all dependencies between them.
 */
public record Cycle(List<String> cells, List<Edge> edges) {
    public Cycle {
        cells = List.copyOf(cells);
        edges = List.copyOf(edges);
    }

    /** For error messages, e.g. {@code cells a, b depend on each other: a -> b (x); b -> a (y)}. */
    public String describe() {
        return "cells " + String.join(", ", cells) + " depend on each other: "
                + edges.stream().map(Edge::describe).collect(Collectors.joining("; "));
    }
}
