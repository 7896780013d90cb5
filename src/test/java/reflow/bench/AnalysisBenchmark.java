package reflow.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import reflow.kernel.analysis.CellAnalyzer;
import reflow.kernel.graph.CellGraph;

/**
 * Not a test: times the analysis and graph work of one cell execution in a 500-cell synthetic notebook.
 * Run: mvn -B -q -o test-compile && java -cp target/classes:target/test-classes:$HOME/.m2/repository/com/github/javaparser/javaparser-core/3.26.4/javaparser-core-3.26.4.jar reflow.bench.AnalysisBenchmark
 */
public final class AnalysisBenchmark {
    private static final int CELLS = 500;
    private static final int WARMUP_ROUNDS = 300;
    private static final int MEASURED_ROUNDS = 1000;

    public static void main(String[] args) {
        List<String> sources = syntheticNotebook(new Random(42));
        CellAnalyzer analyzer = new CellAnalyzer();
        CellGraph graph = new CellGraph();

        long start = System.nanoTime();
        for (int i = 0; i < CELLS; i++) graph.put(id(i), analyzer.analyze(sources.get(i)));
        graph.cycles();
        System.out.printf("first load of %d cells (cold JVM): %.1f ms%n", CELLS, (System.nanoTime() - start) / 1e6);

        measure("re-run of an unchanged cell", sources, analyzer, graph, false);
        measure("edited cell (its names change, graph index rebuilt)", sources, analyzer, graph, true);
    }

    private static void measure(String scenario, List<String> sources, CellAnalyzer analyzer, CellGraph graph,
                                boolean edit) {
        Random pick = new Random(7);
        double[] analyzeAndPut = new double[MEASURED_ROUNDS];
        double[] affectedAndOrder = new double[MEASURED_ROUNDS];
        int totalAffected = 0;
        for (int round = 0; round < WARMUP_ROUNDS + MEASURED_ROUNDS; round++) {
            int cell = pick.nextInt(CELLS);
            // An edit that adds a use changes the analysis, so the graph must rebuild its index.
            String source = edit && round % 2 == 0 ? sources.get(cell) + "\nSystem.out.println(seed);" : sources.get(cell);
            long t0 = System.nanoTime();
            graph.put(id(cell), analyzer.analyze(source));
            long t1 = System.nanoTime();
            // After a changing put, this query pays for rebuilding the derived index, as a real run would.
            Set<String> affected = new LinkedHashSet<>(graph.descendants(id(cell)));
            affected.add(id(cell));
            List<String> order = graph.topologicalOrder(affected);
            long t2 = System.nanoTime();
            if (round >= WARMUP_ROUNDS) {
                analyzeAndPut[round - WARMUP_ROUNDS] = (t1 - t0) / 1e6;
                affectedAndOrder[round - WARMUP_ROUNDS] = (t2 - t1) / 1e6;
                totalAffected += order.size();
            }
        }
        System.out.println(scenario + ":");
        System.out.printf("  analyse + put:                   median %.3f ms, p90 %.3f ms%n",
                percentile(analyzeAndPut, 50), percentile(analyzeAndPut, 90));
        System.out.printf("  descendants + topologicalOrder:  median %.3f ms, p90 %.3f ms%n",
                percentile(affectedAndOrder, 50), percentile(affectedAndOrder, 90));
        System.out.printf("  cells re-run per execute on average: %.1f; cycles: %d; names defined twice: %d%n",
                (double) totalAffected / MEASURED_ROUNDS, graph.cycles().size(), graph.multipleDefinitions().size());
    }

    private static String id(int i) {
        return "cell-" + i;
    }

    private static double percentile(double[] samples, int percent) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    /**
     * Five kinds of cells in rotation: variables, methods, classes, statements and mixed cells, each
     * referring to a few names from recent earlier cells so that chains of dependencies form.
     */
    static List<String> syntheticNotebook(Random random) {
        List<String> sources = new ArrayList<>();
        List<String> variables = new ArrayList<>(List.of("seed"));
        List<String> methods = new ArrayList<>(List.of("Math.abs"));
        List<String> classes = new ArrayList<>(List.of("Object"));
        sources.add("int seed = 1;\nimport java.util.*;");
        for (int i = 1; i < CELLS; i++) {
            String v = recent(variables, random);
            String w = recent(variables, random);
            String m = recent(methods, random);
            String c = recent(classes, random);
            switch (i % 5) {
                case 0 -> {
                    sources.add("int v" + i + " = " + v + " + " + w + ";\nString label" + i + " = \"v\" + v" + i + ";");
                    variables.add("v" + i);
                }
                case 1 -> {
                    sources.add("int m" + i + "(int a) {\n  int local = a * " + v + ";\n  return " + m + "(local);\n}");
                    methods.add("m" + i);
                }
                case 2 -> {
                    sources.add("class C" + i + " extends " + c + " {\n  int f = " + v + ";\n  int g() { return "
                            + m + "(f); }\n  @Override public String toString() { return \"C\" + g(); }\n}");
                    classes.add("C" + i);
                }
                case 3 -> sources.add("// report\nfor (int t = 0; t < 3; t++) {\n  System.out.println(" + v
                        + " + t + new " + c + "().hashCode());\n}\n" + w + " * 2");
                default -> {
                    sources.add("%time\nvar list" + i + " = new ArrayList<Integer>();\nlist" + i + ".add(" + m + "(" + v
                            + "));\nRunnable r" + i + " = () -> list" + i + ".forEach(x -> System.out.println(x + " + w + "));\nlist" + i + ".size()");
                    variables.add("list" + i + ".size()");
                }
            }
        }
        return sources;
    }

    /** Mostly one of the last few names, sometimes any earlier one: short chains plus some long edges. */
    private static String recent(List<String> names, Random random) {
        int window = random.nextInt(10) == 0 ? names.size() : Math.min(names.size(), 4);
        return names.get(names.size() - 1 - random.nextInt(window));
    }
}
