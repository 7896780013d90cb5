package reflow.kernel.graph;

import reflow.kernel.analysis.CellAnalysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything derived from the cells' analyses at one moment: who defines each name, each cell's
 * transitive references, the edges both ways, and the strongly connected components. Built in one
 * pass after a change, so every query afterwards is a lookup.
 */
final class DependencyIndex {
    private final Map<String, CellAnalysis> cells;
    private final Map<String, Integer> order = new HashMap<>();
    private final Map<String, List<String>> definers = new LinkedHashMap<>();
    private final Map<String, Set<String>> transitiveReferences = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> parents = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> children = new HashMap<>();
    private final List<List<String>> components;
    private final Map<String, Integer> componentOf = new HashMap<>();
    /** Per component, the cell-order position of its earliest cell: the tie-breaker when ordering. */
    private final int[] componentRank;

    DependencyIndex(Map<String, CellAnalysis> cellsInOrder) {
        this.cells = cellsInOrder;
        int position = 0;
        for (Map.Entry<String, CellAnalysis> cell : cellsInOrder.entrySet()) {
            order.put(cell.getKey(), position++);
            parents.put(cell.getKey(), new HashMap<>());
            children.put(cell.getKey(), new HashMap<>());
            for (String name : cell.getValue().defines()) {
                definers.computeIfAbsent(name, n -> new ArrayList<>()).add(cell.getKey());
            }
        }
        for (String cell : cellsInOrder.keySet()) {
            Set<String> references = computeTransitiveReferences(cell);
            transitiveReferences.put(cell, Collections.unmodifiableSet(references));
            for (String name : references) {
                for (String definer : definers.getOrDefault(name, List.of())) {
                    if (definer.equals(cell)) continue;
                    parents.get(cell).computeIfAbsent(definer, d -> new LinkedHashSet<>()).add(name);
                    children.get(definer).computeIfAbsent(cell, c -> new LinkedHashSet<>()).add(name);
                }
            }
        }
        // Sort neighbours once, so queries and the algorithms below see them in cell order for free.
        parents.replaceAll((cell, neighbours) -> inCellOrder(neighbours));
        children.replaceAll((cell, neighbours) -> inCellOrder(neighbours));
        components = StronglyConnectedComponents.of(cellsInOrder.keySet(), cell -> children(cell).keySet());
        componentRank = new int[components.size()];
        for (int c = 0; c < components.size(); c++) {
            componentRank[c] = Integer.MAX_VALUE;
            for (String cell : components.get(c)) {
                componentOf.put(cell, c);
                componentRank[c] = Math.min(componentRank[c], order.get(cell));
            }
        }
    }

    /**
     * The cell's own uses and assignments, plus, for every referenced name another cell defines, the
     * names that definition uses, recursively: calling f() depends on whatever f's body reads.
     */
    private Set<String> computeTransitiveReferences(String cell) {
        CellAnalysis analysis = cells.get(cell);
        Set<String> references = new LinkedHashSet<>(analysis.uses());
        references.addAll(analysis.assigns());
        Deque<String> pending = new ArrayDeque<>(references);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            for (String definer : definers.getOrDefault(name, List.of())) {
                if (definer.equals(cell)) continue;
                for (String used : cells.get(definer).definitionUses().getOrDefault(name, Set.of())) {
                    if (references.add(used)) pending.add(used);
                }
            }
        }
        return references;
    }

    Comparator<String> cellOrder() {
        return Comparator.comparingInt(order::get);
    }

    int orderOf(String cell) {
        return order.get(cell);
    }

    List<String> definersOf(String name) {
        return definers.getOrDefault(name, List.of());
    }

    Map<String, List<String>> definers() {
        return definers;
    }

    Set<String> transitiveReferences(String cell) {
        return transitiveReferences.get(cell);
    }

    /** Parent cell -> names, in cell order. */
    Map<String, Set<String>> parents(String cell) {
        return parents.get(cell);
    }

    /** Child cell -> names, in cell order. */
    Map<String, Set<String>> children(String cell) {
        return children.get(cell);
    }

    List<List<String>> components() {
        return components;
    }

    int componentOf(String cell) {
        return componentOf.get(cell);
    }

    int componentRank(int component) {
        return componentRank[component];
    }

    private Map<String, Set<String>> inCellOrder(Map<String, Set<String>> neighbours) {
        Map<String, Set<String>> sorted = new LinkedHashMap<>();
        neighbours.keySet().stream().sorted(cellOrder())
                .forEach(n -> sorted.put(n, Collections.unmodifiableSet(neighbours.get(n))));
        return Collections.unmodifiableMap(sorted);
    }
}
