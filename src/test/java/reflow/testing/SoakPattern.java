package reflow.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A realistic long session: a notebook of 20 cells (ten definitions, each with a cell using it) whose cells
 * are edited and re-run over and over, as someone tuning an analysis does. Step k edits a definition
 * (new value, new method body) or re-runs or edits a cell using one. Deterministic, so runs compare.
 */
public final class SoakPattern {
    public static final int PAIRS = 10;

    /** One execute: the cell id and its (possibly edited) source. */
    public record Step(String cellId, String code) {}

    private SoakPattern() {}

    /** The 20 cells in notebook order, as first run. */
    public static List<Step> notebook() {
        List<Step> cells = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            cells.add(new Step(definitionId(i), definition(i, 1)));
            cells.add(new Step(useId(i), use(i, 0)));
        }
        return cells;
    }

    /** The k-th execute after the notebook ran once. */
    public static Step step(int k) {
        int pair = (k / 2) % PAIRS;
        int round = k / (2 * PAIRS);
        return k % 2 == 0 ? new Step(definitionId(pair), definition(pair, round + 2))
                : new Step(useId(pair), use(pair, round % 3));
    }

    private static String definitionId(int i) {
        return "soak-def-" + i;
    }

    private static String useId(int i) {
        return "soak-use-" + i;
    }

    private static String definition(int i, int value) {
        return switch (i % 4) {
            case 0 -> "int base" + i + " = " + value + ";";
            case 1 -> "List<Integer> data" + i + " = new ArrayList<>(List.of(" + value + ", " + (value + 1) + ", "
                    + (value + 2) + "));";
            case 2 -> "int scale" + i + "(int x) {\n    return x * " + value + " + " + i + ";\n}";
            default -> "Map<String, Integer> counts" + i + " = new HashMap<>();\nfor (int j = 0; j < " + (value % 50 + 5)
                    + "; j++) counts" + i + ".merge(\"k\" + (j % 7), 1, Integer::sum);";
        };
    }

    /** Three variants per use cell, so re-runs also meet edited sources. */
    private static String use(int i, int variant) {
        String suffix = variant == 0 ? "" : variant == 1 ? " + 1" : " * 2";
        return switch (i % 4) {
            case 0 -> "var doubled" + i + " = base" + i + " * 2;\ndoubled" + i + suffix;
            case 1 -> "data" + i + ".stream().mapToInt(x -> x).sum()" + suffix;
            case 2 -> "String shown" + i + " = \"scaled: \" + scale" + i + "(3);\nshown" + i + ".length()" + suffix;
            default -> "counts" + i + ".values().stream().mapToInt(Integer::intValue).max().orElse(0)" + suffix;
        };
    }
}
