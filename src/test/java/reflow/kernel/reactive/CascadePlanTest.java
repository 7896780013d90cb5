package reflow.kernel.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reflow.kernel.analysis.CellAnalyzer;
import reflow.kernel.graph.CellGraph;

/** Which cells a change re-runs, including holders of values the change reset. */
class CascadePlanTest {
    private final CellAnalyzer analyzer = new CellAnalyzer();
    private final CellGraph graph = new CellGraph();

    private void cell(String id, String source) {
        graph.put(id, analyzer.analyze(source));
    }

    @Test
    void resetHoldersRunWithTheirDescendantsInDependencyOrder() {
        cell("type", "class Pt { int x; }");
        cell("other", "int unrelated = 1;");
        cell("holder", "Object held = unrelated;"); // linked to nothing the trigger defines
        cell("reader", "String shown = held.toString();");
        cell("user", "int px = new Pt().x;");
        CascadePlan plan = CascadePlan.of(graph, "type", Set.of("holder"), List.of());
        assertEquals(List.of("holder", "reader", "user"), plan.toRun());
    }

    @Test
    void queuedCellsStayWithTheirOwnRequest() {
        cell("type", "class Pt { int x; }");
        cell("holder", "var p = new Pt();");
        cell("reader", "int px = p.x;");
        CascadePlan plan = CascadePlan.of(graph, "type", Set.of("holder"), List.of("holder"));
        assertEquals(List.of(), plan.toRun());
        assertEquals(Set.of("holder", "reader"), plan.leftToQueued());
    }
}
