package reflow.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reflow.protocol.Channel;
import reflow.testing.KernelClient;

/**
 * Editing what a cell defines (a class, record, interface, enum, a method's signature), failed
 * declarations and overloads, end to end over real sockets. Run once per execution mode by the
 * subclasses; every test uses its own cell ids and names, so a class shares one kernel.
 */
abstract class RedefinitionScenarios extends SharedKernelTest {
    private int lastCount;

    /** Extra kernel arguments: the mode under test. */
    @Override
    abstract String[] kernelArgs();

    @BeforeEach
    void countFromHere() {
        lastCount = 0; // each test checks its own requests' counts
    }

    /**
     * Runs a cell as JupyterLab does and checks what every request must satisfy: a fresh execution count
     * (execute_input and reply agree, one more than the last one), no kernel internals in anything shown,
     * and nothing of this request arriving after its idle.
     */
    private KernelClient.Execution run(String cellId, String code) {
        KernelClient.Execution execution = lab.run(cellId, code);
        int count = execution.reply().field("execution_count").asInt();
        assertEquals(count, execution.ofType("execute_input").get(0).field("execution_count").asInt());
        if (lastCount > 0) {
            assertEquals(lastCount + 1, count, "every executed request gets the next count: " + code);
        }
        lastCount = count;
        String everything = execution.iopub().toString() + execution.reply();
        for (String internal : List.of("REPL.$JShell", "reflow.kernel", "IllegalStateException", "jdk.jshell")) {
            assertFalse(everything.contains(internal), "kernel internals shown (" + internal + "): " + everything);
        }
        String msgId = execution.reply().parentMsgId();
        lab.run("probe-after", "// nothing");
        lastCount++;
        assertNull(client.nextMatching(Channel.IOPUB, m -> m.parentMsgId().equals(msgId), Duration.ZERO),
                "an output of the request arrived after its idle");
        return execution;
    }

    private String ok(String cellId, String code) {
        KernelClient.Execution execution = run(cellId, code);
        assertEquals("ok", execution.status(), () -> lab.shown(cellId));
        return lab.shown(cellId).strip();
    }

    private static String reports(KernelClient.Execution execution) {
        return NotebookFrontend.reports(execution);
    }

    @Test
    void classGainingAFieldRebuildsTheCellsHoldingIt() {
        ok("cl-v", "class ClPt { int x = 1; }");
        ok("cl-w", "var clP = new ClPt();");
        assertEquals("11", ok("cl-x", "clP.x + 10"));
        KernelClient.Execution edit = run("cl-v", "class ClPt { int x = 1; int y = 2; }");
        assertEquals("ok", edit.status(), () -> lab.shown("cl-v"));
        String reports = reports(edit);
        assertTrue(reports.contains("re-ran [") && reports.contains("var clP = new ClPt();"), reports);
        assertTrue(reports.indexOf("var clP") < reports.indexOf("clP.x + 10"), "holder first, then its user: " + reports);
        assertEquals("11", lab.shown("cl-x").strip().lines().reduce((a, b) -> b).orElse(""), lab.shown("cl-x"));
        assertEquals("3", ok("cl-y", "clP.x + clP.y"), "p was rebuilt with the new shape");
    }

    @Test
    void methodWhoseReturnTypeChangesRebuildsItsResults() {
        ok("mt-m", "int mtTwice(int x) { return 2 * x; }");
        ok("mt-t", "var mtTw = mtTwice(21);");
        ok("mt-u", "mtTw + 0");
        KernelClient.Execution edit = run("mt-m", "long mtTwice(int x) { return 2L * x; }");
        assertEquals("ok", edit.status(), () -> lab.shown("mt-m"));
        assertTrue(reports(edit).contains("var mtTw = mtTwice(21);"), reports(edit));
        assertEquals("Long 42", ok("mt-check", "((Object) mtTw).getClass().getSimpleName() + \" \" + mtTw"));
    }

    @Test
    void recordGainingAComponentReportsTheHolderThatCannotBeRebuiltByName() {
        ok("rc-r", "record RcPair(int a) {}");
        ok("rc-h", "var rcPair = new RcPair(1);");
        ok("rc-u", "rcPair.a() * 10");
        KernelClient.Execution edit = run("rc-r", "record RcPair(int a, int b) {}");
        String reports = reports(edit);
        assertTrue(reports.contains("var rcPair = new RcPair(1);") && reports.contains("RcPair"), reports);
        assertTrue(lab.shown("rc-u").contains("not re-run") && lab.shown("rc-u").contains("var rcPair"),
                "the user of the lost value says why it did not run: " + lab.shown("rc-u"));
        KernelClient.Execution read = run("rc-read", "rcPair.b()");
        assertEquals("error", read.status());
        String shown = lab.shown("rc-read");
        assertTrue(shown.contains("`rcPair` is not defined") && shown.contains("var rcPair = new RcPair(1);")
                && shown.contains("failed"), shown);
        KernelClient.Execution fix = run("rc-h", "var rcPair = new RcPair(1, 2);");
        assertEquals("ok", fix.status());
        assertTrue(lab.shown("rc-u").contains("10"), "its user re-ran once the holder succeeded: " + lab.shown("rc-u"));
        assertTrue(lab.shown("rc-read").contains("2"), "so did the cell that was told: " + lab.shown("rc-read"));
    }

    @Test
    void interfaceGainingAMethodRebuildsItsImplementations() {
        ok("if-i", "interface IfShape { double area(); }");
        ok("if-h", "var ifSquare = (IfShape) () -> 4.0;");
        KernelClient.Execution edit = run("if-i", "interface IfShape { double area(); default String label() { return \"shape \" + area(); } }");
        assertEquals("ok", edit.status(), () -> lab.shown("if-i"));
        assertTrue(reports(edit).contains("var ifSquare"), reports(edit));
        assertEquals("shape 4.0", ok("if-use", "ifSquare.label()"));
    }

    @Test
    void enumGainingAConstantRebuildsItsValues() {
        ok("en-e", "enum EnColor { RED, GREEN }");
        ok("en-h", "var enFav = EnColor.GREEN;");
        ok("en-u", "enFav.ordinal()");
        KernelClient.Execution edit = run("en-e", "enum EnColor { BLUE, RED, GREEN }");
        assertEquals("ok", edit.status(), () -> lab.shown("en-e"));
        assertTrue(lab.shown("en-u").contains("2"), "ordinal in the new enum: " + lab.shown("en-u"));
        assertEquals("GREEN", ok("en-read", "enFav.name()").replace("\"", ""));
    }

    @Test
    void untrackedHoldersAreNamedWithWhatToRun() {
        KernelClient.Execution declare = client.executeAndCollect("class UtBox { int v = 1; }");
        assertEquals("ok", declare.status());
        int holderCount = client.executeAndCollect("var utBox = new UtBox();").reply().field("execution_count").asInt();
        KernelClient.Execution edit = client.executeAndCollect("class UtBox { int v = 1; int w = 2; }");
        assertEquals("ok", edit.status());
        String note = edit.stream("stderr");
        assertTrue(note.contains("`utBox`") && note.contains("[" + holderCount + "] var utBox = new UtBox();")
                && note.contains("run it again"), note);
        KernelClient.Execution read = client.executeAndCollect("utBox.w");
        assertEquals("error", read.status());
        String error = read.ofType("error").get(0).field("evalue").asText();
        assertTrue(error.contains("`utBox` is not defined") && error.contains("[" + holderCount + "]"), error);
        assertFalse(read.iopub().toString().contains("REPL.$JShell"), read.iopub().toString());
        assertEquals("ok", client.executeAndCollect("var utBox = new UtBox();").status());
        assertEquals("2", client.executeAndCollect("utBox.w").ofType("execute_result").get(0)
                .field("data").path("text/plain").asText());
    }

    @Test
    void aFailedDeclarationLeavesTheNameUndefinedAndItsReadersRunWhenItSucceeds() {
        ok("fd-conf", "String fdConf = \"x\";");
        KernelClient.Execution fail = run("fd-spark", "var fdSpark = Integer.parseInt(fdConf);");
        assertEquals("error", fail.status());
        String deps = run("fd-deps", "%deps").ofType("display_data").get(0).field("data").path("text/plain").asText();
        assertTrue(deps.contains("fdSpark (not defined)"), deps);
        KernelClient.Execution read = run("fd-read", "fdSpark + 1");
        assertEquals("error", read.status());
        String shown = lab.shown("fd-read");
        assertTrue(shown.contains("`fdSpark` is not defined") && shown.contains("var fdSpark = Integer.parseInt(fdConf);")
                && shown.contains("NumberFormatException"), shown);
        assertFalse(shown.contains("NullPointerException"), shown);
        KernelClient.Execution fix = run("fd-conf", "String fdConf = \"41\";");
        assertEquals("ok", fix.status());
        String reports = reports(fix);
        assertTrue(reports.indexOf("var fdSpark") >= 0 && reports.indexOf("var fdSpark") < reports.indexOf("fdSpark + 1"),
                "the declaration re-ran, then its reader: " + reports);
        assertTrue(lab.shown("fd-read").contains("42"), lab.shown("fd-read"));
    }

    @Test
    void aDeclarationThatFailsOnRerunDoesNotKeepAZeroOrTheOldValue() {
        ok("fz-k", "int fzK = 5;");
        ok("fz-read", "fzK * 2");
        run("fz-k", "int fzK = Integer.parseInt(\"z\");");
        KernelClient.Execution read = run("fz-read2", "fzK * 3");
        assertEquals("error", read.status());
        assertTrue(lab.shown("fz-read2").contains("`fzK` is not defined"), lab.shown("fz-read2"));
    }

    @Test
    void overloadsInTwoCellsAreDistinctDefinitions() {
        KernelClient.Execution first = run("ov-a", "int ovF(int x) { return 1; }");
        KernelClient.Execution second = run("ov-b", "int ovF(String s) { return 2; }");
        assertFalse(lab.shown("ov-b").contains("also defined") || lab.shown("ov-b").contains("last wins"), lab.shown("ov-b"));
        assertEquals("ok", first.status());
        assertEquals("ok", second.status());
        assertEquals("3", ok("ov-use", "ovF(0) + ovF(\"\")"));
        String deps = run("ov-deps", "%deps").ofType("display_data").get(0).field("data").path("text/plain").asText();
        assertTrue(deps.contains("ovF(int)") && deps.contains("ovF(String)"), "%deps shows each overload: " + deps);
        run("ov-a", "int ovF(int x) { return 10; }");
        assertTrue(lab.shown("ov-use").contains("12"), "the user of ovF depends on both definers: " + lab.shown("ov-use"));
        run("ov-b", "int ovF(String s) { return 20; }");
        assertTrue(lab.shown("ov-use").contains("30"), lab.shown("ov-use"));
        lab.delete("ov-a");
        assertEquals("20", ok("ov-after", "ovF(\"\")"), "deleting one overload keeps the other");
        assertEquals("error", run("ov-gone", "ovF(0)").status(), "the deleted overload is gone");
    }

    @Test
    void theSameSignatureInTwoCellsIsStillNoted() {
        ok("sg-a", "int sgF(int x) { return 1; }");
        KernelClient.Execution again = run("sg-b", "int sgF(int y) { return 2; }");
        assertTrue(lab.shown("sg-b").contains("`sgF(int)` is also defined by"), lab.shown("sg-b"));
        assertEquals("ok", again.status());
    }

    @Test
    void editingAParameterTypeRemovesTheOldSignature() {
        ok("ps-m", "String psDescribe(int x) { return \"int\"; }");
        KernelClient.Execution edit = run("ps-m", "String psDescribe(String x) { return \"string\"; }");
        assertTrue(lab.shown("ps-m").contains("no longer defines `psDescribe(int)`"), lab.shown("ps-m"));
        assertEquals("ok", edit.status());
        assertEquals("error", run("ps-old", "psDescribe(1)").status(), "the old signature is not callable");
    }

    @Test
    void executionCountsAdvanceOnFailedRequestsToo() {
        ok("ec-a", "int ecA = 1;");
        assertEquals("error", run("ec-b", "int ecB = 1 / 0;").status());
        assertEquals("error", run("ec-c", "ecB + 1").status());
        assertEquals("error", run("ec-d", "this does not compile").status());
        ok("ec-e", "ecA");
    }

    @Test
    void editingAnInterfaceRebuildsItsImplementationAndTheValuesOfIt() {
        ok("ch-i", "interface ChNamed { String name(); }");
        ok("ch-c", "class ChDog implements ChNamed { public String name() { return \"rex\"; } }");
        ok("ch-h", "var chDog = new ChDog();");
        ok("ch-u", "chDog.name()");
        KernelClient.Execution edit = run("ch-i",
                "interface ChNamed { String name(); default String greet() { return \"hi \" + name(); } }");
        assertEquals("ok", edit.status(), () -> lab.shown("ch-i"));
        String reports = reports(edit);
        assertTrue(reports.indexOf("class ChDog") >= 0 && reports.indexOf("class ChDog") < reports.indexOf("var chDog"),
                "the implementation first, then its holder: " + reports);
        assertEquals("hi rex", ok("ch-read", "chDog.greet()"));
    }

    @Test
    void withReactivityOffTheHoldersAreMarkedStaleSayingWhy() {
        ok("off-t", "class OffBox { int v = 1; }");
        ok("off-h", "var offBox = new OffBox();");
        ok("off-magic", "%reactive off");
        try {
            KernelClient.Execution edit = run("off-t", "class OffBox { int v = 1; int w = 2; }");
            assertEquals("ok", edit.status());
            assertTrue(lab.shown("off-h").contains("stale") && lab.shown("off-h").contains("`offBox` was reset"),
                    lab.shown("off-h"));
            KernelClient.Execution read = run("off-read", "offBox.w");
            assertEquals("error", read.status());
            assertTrue(lab.shown("off-read").contains("`offBox` is not defined"), lab.shown("off-read"));
        } finally {
            ok("off-magic", "%reactive on");
        }
        ok("off-h", "var offBox = new OffBox();");
        assertEquals("2", ok("off-read", "offBox.w"));
    }
}
