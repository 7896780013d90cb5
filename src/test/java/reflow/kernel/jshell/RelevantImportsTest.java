package reflow.kernel.jshell;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snippets are compiled against the imports of only the declarations they name ({@link RelevantImports}),
 * and mean exactly what they meant against all of them: each case here needs an import its own source does
 * not name, or one that only a snippet JShell recompiles names.
 */
class RelevantImportsTest {
    static JShellBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = JShellBridge.startAsync().get();
        for (int i = 0; i < 50; i++) {
            ok("int riFiller" + i + " = " + i + ";"); // declarations nothing below names
        }
    }

    @AfterAll
    static void close() {
        bridge.close();
    }

    private static Object ok(String code) {
        CellOutcome out = bridge.evaluate(code, new RecordingCellIO());
        assertTrue(out.ok(), () -> code + " -> " + out.error());
        return out.value();
    }

    @Test
    void unrelatedDeclarationsAreLeftOutOfACompile() {
        long before = bridge.compilationCounts().get("importsLeftOut");
        assertEquals(3, ok("1 + 2"));
        long leftOut = bridge.compilationCounts().get("importsLeftOut") - before;
        assertTrue(leftOut >= 50, "the 50 fillers' import lines are not compiled with `1 + 2`: left out " + leftOut);
        assertEquals(49, ok("riFiller49"), "a name the snippet uses keeps its import");
    }

    @Test
    void aRecompiledDependentKeepsTheNamesItUses() {
        ok("int riBase() { return 2; }");
        ok("String riN = \"ab\";");
        ok("int riTwice() { return riN.length() * riBase(); }");
        assertEquals(4, ok("riTwice()"));
        // The new riN has another type: JShell recompiles riTwice, which needs riBase's import too.
        ok("StringBuilder riN = new StringBuilder(\"abc\");");
        assertEquals(6, ok("riTwice()"));
        // A new riBase recompiles riTwice again, which needs riN.
        ok("int riBase() { return 3; }");
        assertEquals(9, ok("riTwice()"));
    }

    @Test
    void dependentsOfDependentsAreFollowed() {
        ok("int riDepth = 1;");
        ok("int riOther() { return 100; }");
        ok("int riInner() { return riDepth; }");
        ok("int riOuter() { return riInner() + riOther(); }");
        // riInner is recompiled (into a new class), so riOuter is too: it needs riOther, which neither
        // this source nor riInner names.
        ok("short riDepth = 5;");
        assertEquals(105, ok("riOuter()"));
    }

    @Test
    void overloadsStayUsable() {
        ok("int riHelperA() { return 1; }");
        ok("int riHelperB() { return 10; }");
        ok("int riF(int a) { return a + riHelperA(); }");
        ok("int riF(String s) { return s.length() + riHelperB(); }");
        assertEquals(13, ok("riF(\"abc\")"));
        assertEquals(3, ok("riF(2)"));
    }

    @Test
    void typesJShellWritesIntoTheWrapperResolve() {
        ok("class RiPt { int x = 4; }");
        ok("var riP = new RiPt();");
        ok("var riQ = riP;"); // JShell declares riQ with the type name RiPt, which the source never names
        assertEquals(4, ok("riQ.x"));
        ok("var riList = List.of(riQ);");
        assertEquals(4, ok("riList.get(0).x"));
    }

    @Test
    void anonymousClassesOfVariablesResolve() {
        ok("var riAnon = new Object() { int hidden = 5; };");
        assertEquals(5, ok("riAnon.hidden"));
        ok("var riAlias = riAnon;");
        assertEquals(5, ok("riAlias.hidden"));
    }

    @Test
    void importsAndTypoErrorsBehaveAsBefore() {
        ok("import java.util.concurrent.atomic.*;");
        assertEquals(3, ok("new AtomicInteger(3).get()"));
        CellOutcome typo = bridge.evaluate("riNoSuchName + 1", new RecordingCellIO());
        assertFalse(typo.ok());
        String report = typo.error().evalue() + "\n" + String.join("\n", typo.error().traceback());
        assertTrue(report.contains("cannot find symbol") && report.contains("riNoSuchName"), report);
        assertEquals(List.of(1), ok("List.of(1)"), "the session is fine after the error");
    }
}
