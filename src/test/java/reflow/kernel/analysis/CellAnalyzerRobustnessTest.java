package reflow.kernel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bad or unusual input degrades to a partial analysis with a readable note, never an exception. */
class CellAnalyzerRobustnessTest {
    private final CellAnalyzer analyzer = new CellAnalyzer();

    @Test
    void blankCommentOnlyAndMagicOnlyCellsAreEmptyAndComplete() {
        for (String source : new String[] {"", "   \n", "// nothing", "/* a */", "%time", null}) {
            CellAnalysis analysis = analyzer.analyze(source);
            assertTrue(analysis.complete(), "complete for: " + source);
            assertTrue(analysis.defines().isEmpty() && analysis.uses().isEmpty(), "empty for: " + source);
        }
    }

    @Test
    void aTypoIsReportedWithItsLineAndTheRestIsStillAnalysed() {
        CellAnalysis analysis = analyzer.analyze("int a = 1;\nint b = a +* 2;\nint c = d;\n");
        assertFalse(analysis.complete());
        assertEquals(Set.of("a", "c"), analysis.defines());
        assertTrue(analysis.uses().contains("d"), analysis.uses().toString());
        assertEquals(1, analysis.notes().size());
        String note = analysis.notes().get(0);
        assertTrue(note.startsWith("line 2: could not analyse `int b = a +* 2;`"), note);
        assertTrue(note.endsWith("dependencies of this cell may be incomplete"), note);
    }

    @Test
    void namesInUnreadableCodeStillCountAsUsesSoReactivityErrsOnTheSafeSide() {
        CellAnalysis analysis = analyzer.analyze("int r = compute(data) +* scale;");
        assertFalse(analysis.complete());
        assertTrue(analysis.uses().containsAll(Set.of("compute", "data", "scale")), analysis.uses().toString());
    }

    @Test
    void syntaxNewerThanTheParserDegradesGracefully() {
        // Java 22 unnamed variables / string templates are beyond JavaParser's newest level.
        CellAnalysis analysis = analyzer.analyze("int before = 1;\nString s = STR.\"x \\{v}\";\nint after = w;");
        assertFalse(analysis.complete());
        assertTrue(analysis.defines().containsAll(Set.of("before", "after")), analysis.defines().toString());
        assertTrue(analysis.uses().contains("w"));
    }

    @Test
    void unbalancedBracesNeverThrow() {
        for (String source : new String[] {"}", "{", "void f() {", "class A { void g() { }", "\"open", "'", "\"\"\""}) {
            CellAnalysis analysis = analyzer.analyze(source);
            assertFalse(analysis.complete(), "incomplete for: " + source);
            assertFalse(analysis.notes().isEmpty());
        }
    }

    @Test
    void expressionWithoutSemicolonAndWithTrailingComment() {
        CellAnalysis analysis = analyzer.analyze("x + y // the sum");
        assertTrue(analysis.complete(), analysis.notes().toString());
        assertEquals(Set.of("x", "y"), analysis.uses());
    }

    @Test
    void bareExpressionStatementWithSemicolon() {
        CellAnalysis analysis = analyzer.analyze("x;");
        assertTrue(analysis.complete(), analysis.notes().toString());
        assertEquals(Set.of("x"), analysis.uses());
    }

    @Test
    void statementsSpanningBracesStayTogether() {
        CellAnalysis analysis = analyzer.analyze("""
                if (a) { f(); } else { g(); }
                do { h(); } while (c);
                try { i(); } catch (E e) { } finally { j(); }
                int[] arr = {1, 2};
                Runnable r = () -> { k(); };
                new Object() { }.hashCode();
                class A {} <T> void m(T t) {}
                """);
        assertTrue(analysis.complete(), analysis.notes().toString());
        assertEquals(Set.of("arr", "r", "A", "m"), analysis.defines());
        assertEquals(Set.of("a", "f", "g", "h", "c", "i", "E", "j", "k", "Runnable", "Object"), analysis.uses());
    }
}
