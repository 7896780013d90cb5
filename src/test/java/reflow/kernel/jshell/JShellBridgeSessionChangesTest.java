package reflow.kernel.jshell;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the bridge reports from JShell's events: declared, failed and reset definitions. */
class JShellBridgeSessionChangesTest {
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
    void redefiningAClassResetsItsHoldersAndDropsThem() {
        eval("class ScPt { int x = 1; }");
        eval("var scInferred = new ScPt();");
        eval("ScPt scTyped = new ScPt();");
        eval("int scUnrelated = 3;");
        CellOutcome edit = eval("class ScPt { int x = 1; int y = 2; }");
        assertTrue(edit.ok(), () -> String.valueOf(edit.error()));
        assertEquals(List.of(Definition.type("ScPt")), edit.changes().declared());
        assertEquals(List.of(new SessionChanges.Reset("scInferred", Definition.type("ScPt")),
                new SessionChanges.Reset("scTyped", Definition.type("ScPt"))), edit.changes().reset());
        assertFalse(bridge.variableNames().contains("scInferred"), "no unusable variable is left behind");
        assertFalse(bridge.variableNames().contains("scTyped"), "no variable silently reset to null is left behind");
        assertEquals(3, bridge.valueOf("scUnrelated"));
    }

    @Test
    void aCellThatRebuildsItsOwnHolderReportsNoReset() {
        eval("class ScSelf { int a; }\nvar scSelf = new ScSelf();");
        CellOutcome again = eval("class ScSelf { int a; int b; }\nvar scSelf = new ScSelf();");
        assertTrue(again.ok());
        assertEquals(List.of(), again.changes().reset());
        assertTrue(bridge.variableNames().contains("scSelf"));
    }

    @Test
    void aRejectedRedefinitionResetsNothing() {
        eval("class ScKeep { int x = 1; }");
        eval("ScKeep scKept = new ScKeep(); scKept.x = 7;");
        CellOutcome rejected = eval("class ScKeep { int x = \"text\"; }");
        assertFalse(rejected.ok());
        assertEquals(List.of(), rejected.changes().reset());
        assertEquals("7", String.valueOf(eval("scKept.x").value()), "the old class and the value survive");
    }

    @Test
    void whatARejectedSnippetOverwroteComesBackHoweverItIsWritten() {
        eval("List<String>scNames() { return List.of(\"a\"); }"); // no space: no lexical guess sees a method here
        assertFalse(eval("List<String>scNames() { return 1; }").ok());
        assertEquals(List.of("a"), eval("scNames()").value(), "JShell reported what it overwrote; it is back");
    }

    @Test
    void aFailedInitializerLeavesTheNameUndefined() {
        eval("int scFail = 5;");
        CellOutcome failed = eval("int scOk = 1;\nint scFail = Integer.parseInt(\"z\");");
        assertFalse(failed.ok());
        assertEquals(List.of("scFail"), failed.changes().failed());
        assertEquals(List.of(Definition.variable("scOk")), failed.changes().declared());
        assertFalse(bridge.variableNames().contains("scFail"), "neither 0 nor the old 5");
    }

    @Test
    void overloadsAreDistinctAndDropOneAtATime() {
        CellOutcome a = eval("int scF(int x) { return 1; }");
        CellOutcome b = eval("int scF(String s) { return 2; }");
        assertEquals(List.of(Definition.method("scF", "int")), a.changes().declared());
        assertEquals(List.of(Definition.method("scF", "String")), b.changes().declared());
        bridge.drop(Definition.method("scF", "int"));
        assertEquals(2, eval("scF(\"\")").value());
        assertFalse(eval("scF(0)").ok());
    }

    @Test
    void aReturnTypeChangeIsTheSameDefinitionAndResetsItsResults() {
        eval("int scTwice(int x) { return 2 * x; }");
        eval("var scTw = scTwice(21);");
        CellOutcome edit = eval("long scTwice(int x) { return 2L * x; }");
        assertEquals(List.of(Definition.method("scTwice", "int")), edit.changes().declared());
        assertEquals(List.of(new SessionChanges.Reset("scTw", Definition.method("scTwice", "int"))),
                edit.changes().reset());
    }
}
