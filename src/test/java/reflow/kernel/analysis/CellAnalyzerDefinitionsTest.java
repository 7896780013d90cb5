package reflow.kernel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static reflow.kernel.analysis.AnalysisAssertions.analyze;
import static reflow.kernel.analysis.AnalysisAssertions.assertDefines;
import static reflow.kernel.analysis.AnalysisAssertions.assertDefinitionUses;
import static reflow.kernel.analysis.AnalysisAssertions.assertUses;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a cell defines at the top level, imports, and what each definition needs. */
class CellAnalyzerDefinitionsTest {

    @Test
    void topLevelVariablesWithExplicitTypeOrVar() {
        assertDefines("int x = 5;", "x");
        assertDefines("var list = new java.util.ArrayList<String>();", "list");
        assertDefines("int a = 1, b = 2;", "a", "b");
        assertDefines("final String name = \"n\";", "name");
        assertDefines("int[] counts;", "counts");
        assertUses("var list = new ArrayList<Item>();", "ArrayList", "Item");
    }

    @Test
    void lastVariableMayOmitSemicolon() {
        assertDefines("int x = 1;\nint y = x + 1", "x", "y");
    }

    @Test
    void methodsAndTypesOfEveryKind() {
        assertDefines("""
                void run() {}
                <T> T id(T t) { return t; }
                class Box {}
                interface Shape {}
                record Point(int x, int y) {}
                enum Color { RED, GREEN }
                @interface Marker {}
                sealed interface Expr permits Num {}
                final class Num implements Expr {}
                """, "run", "id", "Box", "Shape", "Point", "Color", "Marker", "Expr", "Num");
    }

    @Test
    void definesKeepSourceOrder() {
        CellAnalysis analysis = analyze("int b = 1; void a() {} class C {} var d = 2;");
        assertEquals(List.of("b", "a", "C", "d"), List.copyOf(analysis.defines()));
    }

    @Test
    void statementsAndExpressionsDefineNothing() {
        assertDefines("System.out.println(x);\nx + 1", new String[0]);
        assertUses("System.out.println(x);\nx + 1", "System", "x");
    }

    @Test
    void singleAndStaticImportsBindTheirSimpleName() {
        CellAnalysis analysis = analyze("""
                import java.util.List;
                import static java.lang.Math.max;
                import java.util.*;
                import static java.util.Map.*;
                List<Integer> xs = List.of(max(a, 2));
                """);
        assertEquals(Set.of("List", "max", "java.util.*", "java.util.Map.*"), analysis.imports());
        assertEquals(Set.of("Integer", "a"), analysis.uses());
        assertEquals(Set.of("xs"), analysis.defines());
    }

    @Test
    void ownDefinitionsAreNotUses() {
        assertUses("int x = 1;\nint y = x * factor;\nvoid f() { y++; }\nf();", "factor");
    }

    @Test
    void definitionUsesOfAMethodBody() {
        String cell = "int f(int a) { return a + offset + g(); }\nint g() { return scale; }";
        assertDefinitionUses(cell, "f", "offset", "g");
        assertDefinitionUses(cell, "g", "scale");
    }

    @Test
    void definitionUsesOfAVariableAreWhatItsDeferredCodeReads() {
        // The initializer ran once: using m later does not read rows or cols again.
        assertDefinitionUses("Matrix m = Matrix.of(rows, cols);", "m");
        // A lambda, method reference or anonymous class reads top-level names each time it is called.
        assertDefinitionUses("Supplier<Integer> s = () -> rows * scale;", "s", "rows", "scale");
        assertDefinitionUses("Runnable r = new Runnable() { public void run() { tick(); } };", "r", "Runnable", "tick");
        assertDefinitionUses("Function<Integer, Integer> f = x -> y -> x + y + offset;", "f", "offset");
    }

    @Test
    void definitionUsesOfAClassIncludeSupertypeAndMemberBodies() {
        assertDefinitionUses("""
                class Cache extends Base implements Store {
                    Map<String, Entry> map = new HashMap<>();
                    Entry get(String k) { return map.getOrDefault(k, fallback); }
                }
                """, "Cache", "Base", "Store", "Map", "String", "Entry", "HashMap", "fallback");
    }

    @Test
    void definitionUsesDoNotMentionTheDefinitionItself() {
        assertDefinitionUses("int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }", "fact");
    }

    @Test
    void overloadsShareOneDefinitionEntry() {
        assertDefinitionUses("int f(int a) { return a + x; }\nint f(String s) { return y; }", "f", "x", "String", "y");
    }

    @Test
    void topLevelLocalStyleClassAndRecordAreDefinitions() {
        // Statements like `record R(int a) {}` may parse as local declarations; they still define R.
        assertDefines("record Pair(int a, Other b) {}", "Pair");
        assertUses("record Pair(int a, Other b) {}", "Other");
    }
}
