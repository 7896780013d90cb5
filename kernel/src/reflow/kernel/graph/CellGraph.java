package reflow.kernel.graph;

import reflow.kernel.analysis.CellAnalysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The notebook's dataflow graph: one node per cell, an edge A -> B when B refers to a name A defines
 * (directly, or through the body of a method or class A defines). Cells keep the order of their first
 * {@link #put}; that order breaks ties. Not thread-safe: the kernel owns it on one thread.
 */
public final class CellGraph {
    private final Map<String, CellAnalysis> cells = new LinkedHashMap<>();
    /** Derived data; null after a change, rebuilt on the next query. */
    private DependencyIndex index;

    /** Adds a cell or replaces its analysis; a replaced cell keeps its place in the order. */
    public void put(String cellId, CellAnalysis analysis) {
        Objects.requireNonNull(cellId, "cellId");
        Objects.requireNonNull(analysis, "analysis");
        CellAnalysis previous = cells.put(cellId, analysis);
        // Re-running a cell usually leaves its names unchanged; then the derived index is still valid.
        if (!analysis.equals(previous)) index = null;
    }

    /** Removes a cell; a cell that is not in the graph is ignored. */
    public void remove(String cellId) {
        if (cells.remove(cellId) != null) index = null;
    }

    public boolean contains(String cellId) {
        return cells.containsKey(cellId);
    }

    /** All cells, in cell order. */
    public Set<String> cells() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(cells.keySet()));
    }

    /** Cells that define {@code name}, in cell order; empty if none does. */
    public Set<String> definersOf(String name) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(index().definersOf(name)));
    }

    public Set<String> namesDefinedBy(String cellId) {
        return analysisOf(cellId).defines();
    }

    /** Cells this cell depends on, each with the names it takes from them. */
    public Map<String, Set<String>> parents(String cellId) {
        analysisOf(cellId);
        return index().parents(cellId);
    }

    /** Cells depending on this cell, each with the names they take from it. */
    public Map<String, Set<String>> children(String cellId) {
        analysisOf(cellId);
        return index().children(cellId);
    }

    /** Every cell reachable from this one through children, in cell order, without the cell itself. */
    public Set<String> descendants(String cellId) {
        analysisOf(cellId);
        DependencyIndex idx = index();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(idx.children(cellId).keySet());
        while (!pending.isEmpty()) {
            String cell = pending.pop();
            if (cell.equals(cellId) || !seen.add(cell)) continue;
            for (String child : idx.children(cell).keySet()) {
                if (!seen.contains(child)) pending.push(child);
            }
        }
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(idx.cellOrder());
        return Collections.unmodifiableSet(new LinkedHashSet<>(sorted));
    }

    /**
     * The names this cell needs: its uses and assignments plus, recursively, what the definitions it
     * uses from other cells need (calling f() where f reads x needs x).
     */
    public Set<String> transitiveReferences(String cellId) {
        analysisOf(cellId);
        return index().transitiveReferences(cellId);
    }

    /**
     * The given cells in an order that runs every cell after the cells it depends on (also through cells
     * not given), ties broken by cell order. Cells in a cycle cannot be ordered and are left out: report
     * them with {@link #cycles()}. Cells downstream of a cycle are still ordered.
     */
    public List<String> topologicalOrder(Collection<String> cellIds) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String id : cellIds) {
            analysisOf(id);
            wanted.add(id);
        }
        DependencyIndex idx = index();
        // Any cell on a path between two wanted cells descends from a wanted cell, so the wanted cells
        // and their descendants are all the graph this ordering needs to look at.
        Set<String> region = new LinkedHashSet<>(wanted);
        Deque<String> pending = new ArrayDeque<>(wanted);
        while (!pending.isEmpty()) {
            for (String child : idx.children(pending.pop()).keySet()) {
                if (region.add(child)) pending.push(child);
            }
        }
        Map<Integer, Integer> waitingOn = new HashMap<>();
        for (String cell : region) {
            int component = idx.componentOf(cell);
            waitingOn.putIfAbsent(component, 0);
            for (String child : idx.children(cell).keySet()) {
                int target = idx.componentOf(child);
                if (target != component) waitingOn.merge(target, 1, Integer::sum);
            }
        }
        // Kahn's algorithm on the condensed graph, always taking the ready component that comes first.
        PriorityQueue<Integer> ready = new PriorityQueue<>(Comparator.comparingInt(idx::componentRank));
        waitingOn.forEach((component, count) -> {
            if (count == 0) ready.add(component);
        });
        List<String> result = new ArrayList<>();
        while (!ready.isEmpty()) {
            int component = ready.poll();
            List<String> members = idx.components().get(component);
            if (members.size() == 1 && wanted.contains(members.get(0))) result.add(members.get(0));
            for (String member : members) {
                for (String child : idx.children(member).keySet()) {
                    int target = idx.componentOf(child);
                    if (target != component && waitingOn.merge(target, -1, Integer::sum) == 0) ready.add(target);
                }
            }
        }
        return Collections.unmodifiableList(result);
    }

    /** Groups of cells that depend on each other, each with the edges that close the loop. */
    public List<Cycle> cycles() {
        DependencyIndex idx = index();
        List<Cycle> cycles = new ArrayList<>();
        for (List<String> component : idx.components()) {
            if (component.size() < 2) continue;
            List<String> members = new ArrayList<>(component);
            members.sort(idx.cellOrder());
            List<Edge> edges = new ArrayList<>();
            for (String from : members) {
                idx.children(from).forEach((to, names) -> {
                    if (component.contains(to)) edges.add(new Edge(from, to, names));
                });
            }
            cycles.add(new Cycle(members, edges));
        }
        cycles.sort(Comparator.comparingInt(cycle -> idx.orderOf(cycle.cells().get(0))));
        return Collections.unmodifiableList(cycles);
    }

    /** Names defined by more than one cell -> those cells in cell order. */
    public Map<String, List<String>> multipleDefinitions() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        index().definers().forEach((name, definers) -> {
            if (definers.size() > 1) result.put(name, List.copyOf(definers));
        });
        return Collections.unmodifiableMap(result);
    }

    private CellAnalysis analysisOf(String cellId) {
        CellAnalysis analysis = cells.get(cellId);
        if (analysis == null) {
            throw new IllegalArgumentException("no cell '" + cellId + "' in the dependency graph; put(...) it first");
        }
        return analysis;
    }

    private DependencyIndex index() {
        if (index == null) index = new DependencyIndex(cells);
        return index;
    }
}
