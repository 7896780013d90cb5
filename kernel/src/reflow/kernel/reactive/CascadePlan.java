package reflow.kernel.reactive;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import reflow.kernel.graph.CellGraph;

/**
 * Which cells a change to one cell re-runs, in which order. Pure: depends only on the graph.
 *
 * <p>Descendants that are already queued on the shell channel (JupyterLab's Run All sends every cell at
 * once) are left to their own request, and so are their own descendants, which that request's cascade
 * will re-run after it: this way every cell of a Run All executes exactly once.
 */
record CascadePlan(List<String> toRun, Set<String> leftToQueued) {

    static CascadePlan of(CellGraph graph, String trigger, Collection<String> queuedCells) {
        return of(graph, trigger, Set.of(), queuedCells);
    }

    /**
     * As above, plus {@code alsoRun} and their descendants: cells whose values the trigger's run reset
     * (a class they hold changed shape), which must run again even where no name links them to it.
     */
    static CascadePlan of(CellGraph graph, String trigger, Collection<String> alsoRun, Collection<String> queuedCells) {
        Set<String> descendants = new LinkedHashSet<>(graph.descendants(trigger));
        for (String extra : alsoRun) {
            if (graph.contains(extra) && !extra.equals(trigger)) {
                descendants.add(extra);
                descendants.addAll(graph.descendants(extra));
            }
        }
        descendants.remove(trigger);
        Set<String> deferred = new LinkedHashSet<>();
        for (String queued : queuedCells) {
            if (descendants.contains(queued) && !queued.equals(trigger)) {
                deferred.add(queued);
                deferred.addAll(graph.descendants(queued));
            }
        }
        deferred.retainAll(descendants);
        Set<String> run = new LinkedHashSet<>(descendants);
        run.removeAll(deferred);
        return new CascadePlan(graph.topologicalOrder(run), deferred);
    }
}
