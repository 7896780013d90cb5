package reflow.kernel.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reflow.kernel.analysis.CellAnalysis;
import reflow.kernel.analysis.CellAnalyzer;

/** The dataflow graph built from real cell sources, as a notebook would feed it. */
class CellGraphTest {
    private final CellAnalyzer analyzer = new CellAnalyzer();
    private final CellGraph graph = new CellGraph();

    private void cell(String id, String source) {
        graph.put(id, analyzer.analyze(source));
    }

    @Test
    void chain() {
        cell("a", "int x = 1;");
        cell("b", "int y = x + 1;");
        cell("c", "System.out.println(y);");
        assertEquals(Map.of("a", Set.of("x")), graph.parents("b"));
        assertEquals(Map.of("c", Set.of("y")), graph.children("b"));
        assertEquals(List.of("b", "c"), List.copyOf(graph.descendants("a")));
        assertEquals(List.of("a", "b", "c"), graph.topologicalOrder(List.of("c", "b", "a")));
    }

    @Test
    void fanOutKeepsCellOrder() {
        cell("src", "var data = load();");
        cell("p1", "plot(data);");
        cell("p2", "int n = data.size();");
        cell("p3", "summary(data)");
        assertEquals(List.of("p1", "p2", "p3"), List.copyOf(graph.children("src").keySet()));
        assertEquals(List.of("p1", "p2", "p3"), List.copyOf(graph.descendants("src")));
    }

    @Test
    void diamondRunsTheJoinLast() {
        cell("top", "int x = 1;");
        cell("left", "int l = x * 2;");
        cell("right", "int r = x * 3;");
        cell("join", "int sum = l + r;");
        assertEquals(Set.of("left", "right", "join"), graph.descendants("top"));
        assertEquals(List.of("top", "left", "right", "join"),
                graph.topologicalOrder(List.of("join", "right", "left", "top")));
        // l and r were computed from x once; join reads only l and r, so top is not its parent.
        assertEquals(Map.of("left", Set.of("l"), "right", Set.of("r")), graph.parents("join"));
    }

    @Test
    void orderFollowsDependenciesNotCellPosition() {
        cell("usesLater", "print(z);");
        cell("definesLater", "int z = 3;");
        assertEquals(List.of("definesLater", "usesLater"), graph.topologicalOrder(graph.cells()));
    }

    @Test
    void orderRespectsPathsThroughCellsNotAsked() {
        cell("a", "int x = 1;");
        cell("b", "int y = x;");
        cell("c", "int z = y;");
        cell("unrelated", "int w = 0;");
        assertEquals(List.of("a", "c"), graph.topologicalOrder(List.of("c", "a")));
    }

    @Test
    void topologicalOrderIsStableForIndependentCells() {
        for (int i = 0; i < 20; i++) cell("c" + i, "int v" + i + " = " + i + ";");
        List<String> expected = List.copyOf(graph.cells());
        List<String> reversed = new java.util.ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertEquals(expected, graph.topologicalOrder(reversed));
    }

    @Test
    void removalDropsEdgesAndDefinitions() {
        cell("a", "int x = 1;");
        cell("b", "int y = x;");
        graph.remove("a");
        assertFalse(graph.contains("a"));
        assertEquals(Map.of(), graph.parents("b"));
        assertEquals(Set.of(), graph.definersOf("x"));
        graph.remove("never-added");
        assertEquals(Set.of("b"), graph.cells());
    }

    @Test
    void redefinitionReplacesEdgesButKeepsThePlaceInOrder() {
        cell("a", "int x = 1;");
        cell("b", "int y = x;");
        cell("c", "int z = 0;");
        cell("b", "int y = z;");
        assertEquals(List.of("a", "b", "c"), List.copyOf(graph.cells()));
        assertEquals(Map.of("c", Set.of("z")), graph.parents("b"));
        assertEquals(Set.of(), graph.descendants("a"));
        assertEquals(List.of("a", "c", "b"), graph.topologicalOrder(graph.cells()));
        assertEquals(Set.of("y"), graph.namesDefinedBy("b"));
    }

    @Test
    void cyclesAreReportedWithTheirNamesAndLeftOutOfTheOrder() {
        cell("a", "int x = y + 1;");
        cell("b", "int y = x + 1;");
        cell("after", "print(x);");
        cell("free", "int k = 0;");
        List<Cycle> cycles = graph.cycles();
        assertEquals(1, cycles.size());
        Cycle cycle = cycles.get(0);
        assertEquals(List.of("a", "b"), cycle.cells());
        assertEquals(List.of(new Edge("a", "b", Set.of("x")), new Edge("b", "a", Set.of("y"))), cycle.edges());
        assertEquals("cells a, b depend on each other: a -> b (x); b -> a (y)", cycle.describe());
        assertEquals(List.of("after", "free"), graph.topologicalOrder(graph.cells()));
        assertEquals(Set.of("b", "after"), graph.descendants("a"));
    }

    @Test
    void threeCellCycleAndAnAcyclicGraphHasNone() {
        cell("a", "int x = z;");
        cell("b", "int y = x;");
        cell("c", "int z = y;");
        assertEquals(List.of("a", "b", "c"), graph.cycles().get(0).cells());
        graph.put("c", analyzer.analyze("int z = 0;"));
        assertTrue(graph.cycles().isEmpty());
        assertEquals(List.of("c", "a", "b"), graph.topologicalOrder(graph.cells()));
    }

    @Test
    void multipleDefinitionsListEveryDefiningCell() {
        cell("a", "int x = 1;");
        cell("b", "int x = 2; int y = 3;");
        cell("c", "void y() {}");
        cell("d", "print(x);");
        assertEquals(Map.of("x", List.of("a", "b"), "y", List.of("b", "c")), graph.multipleDefinitions());
        assertEquals(List.of("a", "b"), List.copyOf(graph.definersOf("x")));
        assertEquals(Map.of("a", Set.of("x"), "b", Set.of("x")), graph.parents("d"));
    }

    @Test
    void callingAMethodDependsOnWhatItsBodyReads() {
        cell("data", "int x = 10;");
        cell("helpers", "int f() { return x * 2; }");
        cell("caller", "print(f());");
        assertEquals(Set.of("print", "f", "x"), graph.transitiveReferences("caller"));
        assertEquals(Map.of("data", Set.of("x"), "helpers", Set.of("f")), graph.parents("caller"));
        assertEquals(Set.of("helpers", "caller"), graph.descendants("data"));
    }

    @Test
    void transitiveReferencesFollowMethodsCallingMethodsAcrossCells() {
        cell("cfg", "int scale = 3;");
        cell("g", "int g(int v) { return v * scale; }");
        cell("f", "int f() { return g(1) + 1; }");
        cell("use", "int r = f();");
        assertEquals(Set.of("f", "g", "scale"), graph.transitiveReferences("use"));
        assertEquals(List.of("cfg", "g", "f"), List.copyOf(graph.parents("use").keySet()));
    }

    @Test
    void aLambdaInAVariableCarriesWhatItReadsWhenCalled() {
        cell("base", "int base = 2;");
        cell("fn", "IntUnaryOperator times = v -> v * base;");
        cell("use", "times.applyAsInt(3)");
        assertEquals(Set.of("times", "base"), graph.transitiveReferences("use"));
        assertEquals(List.of("base", "fn"), List.copyOf(graph.parents("use").keySet()));
    }

    @Test
    void usingAClassDependsOnWhatItsMembersRead() {
        cell("rate", "double rate = 0.2;");
        cell("cls", "class Tax { double of(double v) { return v * rate; } }");
        cell("use", "double t = new Tax().of(100);");
        assertEquals(Map.of("rate", Set.of("rate"), "cls", Set.of("Tax")), graph.parents("use"));
        assertEquals(List.of("rate", "cls", "use"), graph.topologicalOrder(List.of("use", "cls", "rate")));
    }

    @Test
    void recursiveMethodsInTwoCellsDoNotLoopForever() {
        cell("even", "boolean even(int n) { return n == 0 || odd(n - 1); }");
        cell("odd", "boolean odd(int n) { return n != 0 && even(n - 1); }");
        cell("use", "even(4)");
        assertEquals(Set.of("even", "odd"), graph.transitiveReferences("use"));
        assertEquals(List.of("even", "odd"), graph.cycles().get(0).cells());
    }

    @Test
    void aCellThatAssignsANameDependsOnItsDefiner() {
        cell("a", "int counter = 0;");
        cell("b", "counter++;");
        assertEquals(Map.of("a", Set.of("counter")), graph.parents("b"));
    }

    @Test
    void aCellUsingItsOwnDefinitionsHasNoSelfEdge() {
        cell("a", "int x = 1; int y = x + 1;");
        assertEquals(Map.of(), graph.parents("a"));
        assertTrue(graph.cycles().isEmpty());
    }

    @Test
    void unknownCellsAreReportedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> graph.descendants("ghost"));
        assertTrue(e.getMessage().contains("'ghost'"), e.getMessage());
    }

    @Test
    void longChainsDoNotOverflowTheStack() {
        // Analyses written directly (analysing 5000 cells is the analyzer's cost, not the graph's):
        // cell i defines vi and its statements use v(i-1); no initializer, so exactly one edge per cell.
        for (int i = 0; i < 5000; i++) {
            Set<String> uses = i == 0 ? Set.of() : Set.of("v" + (i - 1));
            graph.put("c" + i, new CellAnalysis(Set.of("v" + i), uses, Set.of(), Set.of(),
                    Map.of("v" + i, Set.of()), List.of(), true));
        }
        assertEquals(4999, graph.descendants("c0").size());
        assertTrue(graph.cycles().isEmpty());
        assertEquals(5000, graph.topologicalOrder(graph.cells()).size());
    }

    @Test
    void aPlainVariableInitializerDoesNotCarryItsInputs() {
        cell("n", "int n = 2;");
        cell("sq", "int sq = n * n;");
        cell("use", "sq + 1");
        assertEquals(Set.of("sq"), graph.transitiveReferences("use"));
        assertEquals(Set.of("sq"), graph.parents("use").keySet());
    }
}
