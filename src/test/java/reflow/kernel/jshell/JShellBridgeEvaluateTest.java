package reflow.kernel.jshell;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JShellBridgeEvaluateTest {
    static JShellBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = JShellBridge.startAsync().get();
    }

    @AfterAll
    static void close() {
        bridge.close();
    }

    static CellOutcome eval(String code) {
        return bridge.evaluate(code, new RecordingCellIO());
    }

    @Test
    void lastExpressionIsTheRawValue() {
        CellOutcome out = eval("int a = 20;\nint b = 22;\na + b");
        assertTrue(out.ok(), () -> String.valueOf(out.error()));
        assertTrue(out.hasValue());
        assertEquals(42, out.value());
        assertEquals(List.of("a", "b"), out.definedNames());
    }

    @Test
    void rawObjectIsKeptNotItsString() {
        CellOutcome out = eval("List<Integer> xs = new ArrayList<>(List.of(1, 2));\nxs");
        assertTrue(out.hasValue());
        assertInstanceOf(ArrayList.class, out.value());
        assertEquals(List.of(1, 2), out.value());
    }

    @Test
    void declarationsAssignmentsAndVoidCallsHaveNoValue() {
        assertFalse(eval("int c = 1;").hasValue());
        assertFalse(eval("c = 5").hasValue());
        assertFalse(eval("System.out.print(\"\")").hasValue());
        assertFalse(eval("void m() {}").hasValue());
        CellOutcome plainVariable = eval("c");
        assertTrue(plainVariable.hasValue());
        assertEquals(5, plainVariable.value());
        CellOutcome nullValue = eval("String s = null;\ns");
        assertTrue(nullValue.hasValue());
        assertNull(nullValue.value());
    }

    @Test
    void missingSemicolonAtEndIsFine() {
        CellOutcome out = eval("int d = 3\n");
        assertTrue(out.ok(), () -> String.valueOf(out.error()));
        assertEquals(3, bridge.valueOf("d"));
    }

    @Test
    void compileErrorNamesCellLineAndColumnWithCaret() {
        CellOutcome out = eval("int ok1 = 1;\n\nint z = nope + 1;");
        assertEquals(CellError.Kind.COMPILE, out.error().kind());
        List<String> tb = out.error().traceback();
        assertEquals("cell line 3, column 9: cannot find symbol", tb.get(0));
        assertTrue(tb.get(1).contains("symbol:") && tb.get(1).contains("nope"), tb::toString);
        assertEquals("  int z = nope + 1;", tb.get(2));
        assertEquals("          ^~~~", tb.get(3));
        assertEquals(List.of("ok1"), out.definedNames(), "snippets before the error stay defined");
        for (String line : tb) {
            assertFalse(line.contains("\u001b"), "no ANSI codes");
        }
    }

    @Test
    void unfinishedCellIsACompileErrorNamingTheLine() {
        CellOutcome out = eval("int e = 1;\nvoid f() {\n  int x = 2;\n");
        assertEquals(CellError.Kind.COMPILE, out.error().kind());
        assertTrue(out.error().evalue().startsWith("cell line 2, column 1: this code is not finished"),
                out.error().evalue());
    }

    @Test
    void runtimeExceptionShowsUserFramesWithCellLines() {
        eval("int divide(int a, int b) {\n    return a / b;\n}");
        CellOutcome out = eval("int one = 1;\n\nint r = divide(one, 0);");
        CellError error = out.error();
        assertEquals(CellError.Kind.RUNTIME, error.kind());
        assertEquals("java.lang.ArithmeticException", error.ename());
        assertEquals("/ by zero", error.evalue());
        assertEquals(List.of("java.lang.ArithmeticException: / by zero",
                "    at divide (earlier cell line 2)",
                "    at cell line 3"), error.traceback());
    }

    @Test
    void causedByChainAndLibraryFramesAreShown() {
        CellOutcome out = eval("try {\n  Integer.parseInt(\"x\");\n} catch (NumberFormatException e) {\n"
                + "  throw new IllegalStateException(\"bad input\", e);\n}");
        List<String> tb = out.error().traceback();
        assertEquals("java.lang.IllegalStateException: bad input", tb.get(0));
        assertEquals("    at cell line 4", tb.get(1));
        int caused = tb.indexOf("Caused by: java.lang.NumberFormatException: For input string: \"x\"");
        assertTrue(caused > 0, tb::toString);
        assertTrue(tb.get(caused + 1).contains("java.lang.Integer.parseInt") || tb.get(caused + 1).contains("NumberFormatException"), tb::toString);
        assertTrue(tb.contains("    at cell line 2"), tb::toString);
        assertTrue(tb.stream().noneMatch(l -> l.contains("reflow.kernel") || l.contains("jdk.jshell") || l.contains("reflect")), tb::toString);
    }

    @Test
    void unresolvedReferenceIsExplained() {
        CellOutcome declared = eval("int usesMissing() { return missingThing * 2; }");
        assertTrue(declared.ok());
        CellOutcome out = eval("usesMissing()");
        assertEquals(CellError.Kind.RUNTIME, out.error().kind());
        assertTrue(out.error().evalue().contains("missingThing"), out.error().evalue());
    }

    @Test
    void recoverableDeclarationWritesANote() {
        RecordingCellIO io = new RecordingCellIO();
        CellOutcome out = bridge.evaluate("double area() { return PI_R * 2; }", io);
        assertTrue(out.ok());
        assertEquals(List.of("area"), out.definedNames());
        assertTrue(io.text("stderr").contains("PI_R"), io.events::toString);
    }

    @Test
    void mutuallyDependentClassesAcrossCells() {
        assertTrue(eval("class Node { Leaf leaf = new Leaf(); int size() { return leaf.weight() + 1; } }").ok());
        assertTrue(eval("class Leaf { int weight() { return 41; } Node parent; }").ok());
        CellOutcome out = eval("new Node().size()");
        assertTrue(out.ok(), () -> String.valueOf(out.error()));
        assertEquals(42, out.value());
    }

    @Test
    void mutuallyDependentClassesInOneCell() {
        CellOutcome out = eval("class Ping { Pong other; }\nclass Pong extends Ping { Ping back; }\nnew Pong().other == null");
        assertTrue(out.ok(), () -> String.valueOf(out.error()));
        assertEquals(true, out.value());
    }

    @Test
    void methodRedefinitionIsUsedByCallers() {
        eval("int base() { return 1; }");
        eval("int twice() { return base() * 2; }");
        assertEquals(2, eval("twice()").value());
        eval("int base() { return 10; }");
        assertEquals(20, eval("twice()").value());
    }

    @Test
    void variablesCanBeReadWrittenAndDropped() {
        eval("String greeting = \"hi\";\nint count = 3;\nint twiceCount() { return count * 2; }");
        assertEquals("hi", bridge.valueOf("greeting"));
        assertEquals("String", bridge.typeOf("greeting"));
        assertEquals("int", bridge.typeOf("count"));
        bridge.setValue("count", 21);
        assertEquals(42, eval("twiceCount()").value());
        assertTrue(bridge.variableNames().containsAll(List.of("greeting", "count")));
        assertTrue(bridge.declaredNames().containsAll(List.of("greeting", "count", "twiceCount")));
        bridge.drop("greeting");
        bridge.drop("twiceCount");
        assertFalse(bridge.variableNames().contains("greeting"));
        assertFalse(bridge.declaredNames().contains("twiceCount"));
        assertEquals(CellError.Kind.COMPILE, eval("greeting").error().kind());
        assertThrows(IllegalArgumentException.class, () -> bridge.setValue("count", "not an int"));
    }

    @Test
    void redeclaredVariableReadsTheNewValue() {
        eval("int again = 1;");
        eval("String again = \"two\";");
        assertEquals("two", bridge.valueOf("again"));
        assertEquals("String", bridge.typeOf("again"));
    }

    @Test
    void aRejectedRedeclarationKeepsWhatItTriedToReplace() {
        assertTrue(eval("List<String> keptList = new ArrayList<>(List.of(\"a\"));\n"
                + "int keptA = 1, keptB = 2;\nint keptTwice(int v) { return 2 * v; }\nrecord KeptPoint(int x) {}").ok());
        assertEquals(CellError.Kind.COMPILE, eval("int keptList = \"not a list\";").error().kind());
        assertEquals(CellError.Kind.COMPILE, eval("int keptA = 1, keptB = \"two\";").error().kind());
        assertEquals(CellError.Kind.COMPILE, eval("int keptTwice(int v) { return \"text\"; }").error().kind());
        assertEquals(CellError.Kind.COMPILE, eval("record KeptPoint(int x) { int m() { return \"text\"; } }").error().kind());
        CellOutcome after = eval("keptList + \" \" + keptA + keptB + \" \" + keptTwice(21) + \" \" + new KeptPoint(3)");
        assertTrue(after.ok(), () -> String.valueOf(after.error()));
        assertEquals("[a] 12 42 KeptPoint[x=3]", after.value());
    }
}
