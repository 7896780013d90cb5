package reflow.kernel.jshell;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JShellBridgeSourceAssistTest {
    static JShellBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = JShellBridge.startAsync().get();
        bridge.evaluate("String customerName = \"Ada\";\nint customerAge = 36;", CellIO.DISCARD);
    }

    @AfterAll
    static void close() {
        bridge.close();
    }

    @Test
    void completesMembersWithTheReplacedRange() {
        String code = "int n = 1;\n\"abc\".toUpp";
        Completion c = bridge.complete(code, code.length());
        assertTrue(c.matches().contains("toUpperCase("), c::toString);
        assertEquals(code.indexOf("toUpp"), c.cursorStart());
        assertEquals(code.length(), c.cursorEnd());
        assertEquals(c.matches().size(), c.kinds().size());
        assertEquals("method", c.kinds().get(c.matches().indexOf("toUpperCase(")));
        assertEquals(c.matches().size(), c.matches().stream().distinct().count(), "no duplicates");
    }

    @Test
    void completesNotebookVariablesAndPutsTypeMatchesFirst() {
        String code = "int age = customer";
        Completion c = bridge.complete(code, code.length());
        assertEquals(code.length() - "customer".length(), c.cursorStart());
        assertEquals("customerAge", c.matches().get(0), c::toString);
        assertTrue(c.matches().contains("customerName"));
        assertEquals("variable", c.kinds().get(0));
    }

    @Test
    void completesInTheMiddleOfACell() {
        String code = "Math.ab\nint later = 2;";
        Completion c = bridge.complete(code, "Math.ab".length());
        assertTrue(c.matches().contains("abs("), c::toString);
        assertEquals(5, c.cursorStart());
    }

    @Test
    void inspectShowsSignaturesOfTheIdentifierUnderTheCursor() {
        String code = "Math.max(1, 2)";
        Optional<String> doc = bridge.inspect(code, "Math.ma".length()).map(b -> (String) b.get("text/plain"));
        assertTrue(doc.isPresent());
        assertTrue(doc.get().contains("int Math.max(int a, int b)") || doc.get().contains("max(int"), doc::get);
        assertTrue(bridge.inspect("", 0).isEmpty());
    }

    @Test
    void inspectKnowsNotebookFunctions() {
        Optional<String> doc = bridge.inspect("display(1)", 2).map(b -> (String) b.get("text/plain"));
        assertTrue(doc.isPresent() && doc.get().contains("display(Object"), String.valueOf(doc));
    }

    @Test
    void isCompleteTellsWhatTheFrontendShouldDo() {
        assertEquals(Completeness.Status.COMPLETE, bridge.isComplete("int a = 1;").status());
        assertEquals(Completeness.Status.COMPLETE, bridge.isComplete("int a = 1").status());
        assertEquals(Completeness.Status.COMPLETE, bridge.isComplete("int a = 1;\nvoid f() {}\n").status());
        Completeness open = bridge.isComplete("void f() {\n    if (true) {");
        assertEquals(Completeness.Status.INCOMPLETE, open.status());
        assertEquals("        ", open.indent());
        Completeness openParen = bridge.isComplete("foo(1,");
        assertEquals(Completeness.Status.INCOMPLETE, openParen.status());
        assertEquals("    ", openParen.indent());
        Completeness inside = bridge.isComplete("void f() {\n    int x = 1;");
        assertEquals("    ", inside.indent());
        assertEquals(Completeness.Status.INVALID, bridge.isComplete("int a = 1; }").status());
    }
}
