package reflow.kernel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

/** Exact-set assertions on a cell's analysis, with the cell's source in the failure message. */
final class AnalysisAssertions {
    private static final CellAnalyzer ANALYZER = new CellAnalyzer();

    private AnalysisAssertions() {}

    static CellAnalysis analyze(String source) {
        CellAnalysis analysis = ANALYZER.analyze(source);
        assertTrue(analysis.complete(), () -> "expected a complete analysis of:\n" + source + "\nnotes: " + analysis.notes());
        return analysis;
    }

    static void assertUses(String source, String... expected) {
        CellAnalysis analysis = analyze(source);
        assertEquals(Set.of(expected), analysis.uses(), () -> "uses of:\n" + source);
    }

    static void assertDefines(String source, String... expected) {
        CellAnalysis analysis = analyze(source);
        assertEquals(Set.of(expected), analysis.defines(), () -> "defines of:\n" + source);
    }

    static void assertAssigns(String source, String... expected) {
        CellAnalysis analysis = analyze(source);
        assertEquals(Set.of(expected), analysis.assigns(), () -> "assigns of:\n" + source);
    }

    static void assertDefinitionUses(String source, String definition, String... expected) {
        CellAnalysis analysis = analyze(source);
        assertEquals(Set.of(expected), analysis.definitionUses().get(definition),
                () -> "uses of definition " + definition + " in:\n" + source);
    }
}
