package reflow.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reflow.protocol.Channel;
import reflow.testing.KernelClient;

/**
 * Reactive execution end to end: a real kernel process, real sockets, JupyterLab-shaped requests.
 * Each test uses its own cell ids and variable names, so they share one kernel.
 */
class ReactiveExecutionTest extends SharedKernelTest {
    @Test
    void rerunningACellRerunsItsChainInPlace() {
        lab.run("chain-a", "int chainA = 1;");
        lab.run("chain-b", "int chainB = chainA * 2;");
        lab.run("chain-c", "System.out.println(\"chainC sees \" + (chainB + 1));");
        assertTrue(lab.shown("chain-c").contains("chainC sees 3"), lab.shown("chain-c"));

        KernelClient.Execution edit = lab.run("chain-a", "int chainA = 10;");

        assertEquals("ok", edit.status());
        assertEquals("chainC sees 21", lab.shown("chain-c").strip(), "C replaced in place");
        assertEquals("stream", lab.outputs("chain-c").get(0).type, "still a plain stream, as ipykernel prints");
        String report = lab.report("chain-a");
        assertTrue(report.contains("int chainB = chainA * 2;"), report);
        assertTrue(report.indexOf("chainB") < report.indexOf("chainC sees"), "dependency order: " + report);
        assertFalse(report.contains("chainC sees 21"), "JupyterLab shows C's output in C, not a copy: " + report);
        assertEquals(1, edit.ofType("execute_input").size(), "no execute_input for re-runs");
        assertEquals(0, edit.ofType("execute_result").size(), "no execute_result for re-runs in the trigger");
    }

    @Test
    void executionCountIsNotBumpedByReruns() {
        lab.run("count-a", "int countA = 1;");
        lab.run("count-b", "int countB = countA + 1;");
        int before = lab.run("count-probe", "1").reply().field("execution_count").asInt();
        int edited = lab.run("count-a", "int countA = 2;").reply().field("execution_count").asInt();
        assertEquals(before + 1, edited);
    }

    @Test
    void diamondRunsTheJoinOnceAfterBothBranches() {
        lab.run("dia-a", "int diaA = 1;");
        lab.run("dia-b", "int diaB = diaA + 1;");
        lab.run("dia-c", "int diaC = diaA + 2;");
        lab.run("dia-d", "System.out.println(\"diaD=\" + (diaB * diaC));");
        lab.run("dia-a", "int diaA = 5;");
        String report = lab.report("dia-a");
        assertEquals(1, count(report, "diaD="), "D re-ran exactly once: " + report);
        assertEquals("diaD=42", lab.shown("dia-d").strip());
    }

    @Test
    void fanOutRerunsEveryChildAndShowsProgress() {
        lab.run("fan-root", "int fanRoot = 1;");
        for (int i = 0; i < 6; i++) {
            lab.run("fan-" + i, "int fan" + i + " = fanRoot + " + i + ";\nfan" + i);
        }
        KernelClient.Execution edit = lab.run("fan-root", "int fanRoot = 100;");
        for (int i = 0; i < 6; i++) {
            assertTrue(lab.shown("fan-" + i).contains(String.valueOf(100 + i)), lab.shown("fan-" + i));
        }
        assertTrue(edit.ofType("update_display_data").stream()
                .anyMatch(m -> m.field("data").path("text/plain").asText().contains("re-ran 6 of 6")),
                "progress line ends with the total");
    }

    @Test
    void aLongCascadeUpdatesItsReportAFewTimesNotTwicePerCell() {
        lab.run("many-root", "int manyRoot = 1;");
        for (int i = 0; i < 30; i++) {
            lab.run("many-" + i, "int many" + i + " = manyRoot + " + i + ";");
        }
        KernelClient.Execution edit = lab.run("many-root", "int manyRoot = 2;");
        int reportMessages = edit.ofType("display_data").size() + edit.ofType("update_display_data").size();
        assertTrue(reportMessages < 30, "each update carries the whole report: " + reportMessages + " of them");
        String report = lab.report("many-root");
        assertTrue(report.contains("re-ran 30 of 30"), "the last state is shown: " + report);
        assertEquals(30, count(report, " = manyRoot + "), report);
    }

    @Test
    void aRerunClearsOnlyWhatACellShows() {
        lab.run("quiet-a", "int quietA = 1;");
        lab.run("quiet-b", "int quietB = quietA + 1;");
        lab.run("quiet-c", "System.out.println(\"quietC sees \" + quietB);");
        lab.run("quiet-d", "if (quietA < 3) System.out.println(\"small\");");
        assertEquals("", lab.shown("quiet-b"), "a declaration shows nothing");
        assertEquals("small", lab.shown("quiet-d").strip());

        lab.run("quiet-a", "int quietA = 5;");

        assertEquals(0, lab.rerunsOf("quiet-b"), "nothing was shown and nothing is: no clear_output for quiet-b");
        assertEquals("quietC sees 6", lab.shown("quiet-c").strip());
        assertEquals(1, lab.rerunsOf("quiet-c"));
        assertEquals("", lab.shown("quiet-d"), "quiet-d printed nothing this time: its earlier output is gone");
        assertEquals(1, lab.rerunsOf("quiet-d"));

        lab.run("quiet-a", "int quietA = 6;");
        assertEquals(1, lab.rerunsOf("quiet-d"), "empty since the last re-run: nothing to clear");
        assertEquals("quietC sees 7", lab.shown("quiet-c").strip());
    }

    @Test
    void methodsCarryDependenciesTransitively() {
        lab.run("tm-rate", "double tmRate = 0.5;");
        lab.run("tm-method", "double tmApply(double v) { return v * tmRate; }");
        lab.run("tm-use", "tmApply(10)");
        assertTrue(lab.shown("tm-use").contains("5.0"), lab.shown("tm-use"));
        lab.run("tm-rate", "double tmRate = 2;");
        assertTrue(lab.shown("tm-use").contains("20.0"), lab.shown("tm-use"));
    }

    @Test
    void failingUpstreamCellSkipsDescendantsNamingIt() {
        lab.run("fail-a", "int failA = 1;");
        lab.run("fail-b", "int failB = 10 / failA;");
        lab.run("fail-c", "System.out.println(\"failC \" + failB);");
        lab.run("fail-a", "int failA = 0;");
        String report = lab.report("fail-a");
        assertTrue(report.contains("ArithmeticException"), report);
        assertTrue(report.contains("skipped") && report.contains("int failB = 10 / failA;"), report);
        List<NotebookFrontend.Output> failB = lab.outputs("fail-b");
        assertEquals("error", failB.get(failB.size() - 1).type, "the failing re-run shows a real error output in its own cell");
        assertTrue(failB.get(failB.size() - 1).text.contains("ArithmeticException"), failB.toString());
        assertTrue(lab.shown("fail-c").contains("failC 10") && lab.shown("fail-c").contains("not re-run"),
                "old output kept, marked: " + lab.shown("fail-c"));
    }

    @Test
    void cycleIsAnErrorNamingTheCellsAndNames() {
        lab.run("cyc-p", "int cycP = 1;");
        lab.run("cyc-q", "int cycQ = cycP + 1;");
        KernelClient.Execution edit = lab.run("cyc-p", "int cycP = cycQ + 1;");
        assertEquals("error", edit.status());
        String shown = lab.shown("cyc-p");
        assertTrue(shown.contains("cycle") && shown.contains("`cycQ`") && shown.contains("`cycP`"), shown);
    }

    @Test
    void deletingACellRemovesItsNamesAndTellsItsUsers() {
        lab.run("del-a", "int delA = 7;");
        lab.run("del-b", "delA * 6");
        lab.delete("del-a");
        lab.run("del-other", "int delUnrelated = 0;");
        assertTrue(lab.shown("del-b").contains("deleted"), lab.shown("del-b"));
        KernelClient.Execution again = lab.run("del-b", "delA * 6");
        assertEquals("error", again.status());
        assertTrue(lab.shown("del-b").contains("delA"), lab.shown("del-b"));
    }

    @Test
    void editingAwayADefinitionRemovesIt() {
        lab.run("edit-a", "int editX = 1;\nint editY = 2;");
        lab.run("edit-b", "editY + 1");
        lab.run("edit-a", "int editX = 1;");
        assertTrue(lab.shown("edit-a").contains("no longer defines `editY`"), lab.shown("edit-a"));
        assertTrue(lab.shown("edit-b").contains("stale"), lab.shown("edit-b"));
        assertEquals("error", lab.run("edit-b", "editY + 1").status());
    }

    @Test
    void runAllExecutesEveryCellExactlyOnce() {
        String[] ids = {"ra-a", "ra-b", "ra-c", "ra-d"};
        String[] code = {
            "int raA = 1; System.setProperty(\"ra-a\", \"\" + (Integer.getInteger(\"ra-a\", 0) + 1));",
            "int raB = raA + 1; System.setProperty(\"ra-b\", \"\" + (Integer.getInteger(\"ra-b\", 0) + 1));",
            "int raC = raB + 1; System.setProperty(\"ra-c\", \"\" + (Integer.getInteger(\"ra-c\", 0) + 1));",
            "int raD = raC + raA; System.setProperty(\"ra-d\", \"\" + (Integer.getInteger(\"ra-d\", 0) + 1));"};
        for (int i = 0; i < ids.length; i++) lab.run(ids[i], code[i]);
        // Run All's requests all wait in the kernel before the first runs, as when JupyterLab sends them to a
        // busy kernel: a cell waiting for input holds the kernel while they arrive (without it, how many are
        // queued when ra-a's cascade starts depends on the client's timing).
        String gate = lab.send("ra-gate", "var raGate = new java.util.Scanner(System.in).nextLine();");
        client.awaitInputRequest(Duration.ofSeconds(30));
        String[] sent = new String[ids.length];
        for (int i = 0; i < ids.length; i++) sent[i] = lab.send(ids[i], code[i]);
        client.sendInputReply("go");
        assertEquals("ok", lab.await("ra-gate", gate).status());
        for (int i = 0; i < ids.length; i++) assertEquals("ok", lab.await(ids[i], sent[i]).status());
        for (String id : ids) {
            KernelClient.Execution probe = client.executeAndCollect("Integer.getInteger(\"" + id + "\")");
            assertEquals("2", probe.ofType("execute_result").get(0).field("data").path("text/plain").asText(),
                    id + " ran once on the first pass and once in Run All");
        }
    }

    @Test
    void lazyModeMarksStaleAndRunsStaleInputsFirst() {
        lab.run("lazy-a", "int lazyA = 1;");
        lab.run("lazy-b", "int lazyB = lazyA * 3;");
        lab.run("lazy-c", "lazyB + 1");
        try {
            lab.run("lazy-magic", "%reactive lazy");
            lab.run("lazy-a", "int lazyA = 2;");
            assertTrue(lab.shown("lazy-b").contains("stale"), lab.shown("lazy-b"));
            assertTrue(lab.shown("lazy-c").contains("stale") && lab.shown("lazy-c").contains("4"), lab.shown("lazy-c"));
            lab.run("lazy-c", "lazyB + 1");
            assertTrue(lab.shown("lazy-c").contains("7"), "stale input lazy-b ran first: " + lab.shown("lazy-c"));
        } finally {
            lab.run("lazy-magic", "%reactive on");
        }
    }

    @Test
    void vsCodeUriCellIdsWork() {
        String a = "vscode-notebook-cell:/home/user/demo.ipynb#W0sZmlsZQ%3D%3D";
        String b = "vscode-notebook-cell:/home/user/demo.ipynb#W1sZmlsZQ%3D%3D";
        lab.run(a, "String vsGreeting = \"hello\";");
        lab.run(b, "vsGreeting.toUpperCase()");
        lab.run(a, "String vsGreeting = \"bonjour\";");
        assertTrue(lab.shown(b).contains("BONJOUR"), lab.shown(b));
    }

    @Test
    void plainClientsWithoutCellIdsSeeAnOrdinaryKernel() {
        client.executeAndCollect("int plainX = 2;");
        KernelClient.Execution use = client.executeAndCollect("plainX * 21");
        assertEquals("42", use.ofType("execute_result").get(0).field("data").path("text/plain").asText());
        KernelClient.Execution redefine = client.executeAndCollect("int plainX = 3;");
        assertEquals(0, redefine.ofType("display_data").size(), "no reports without cell ids");
        assertEquals(0, redefine.ofType("update_display_data").size());
    }

    @Test
    void depsAndGraphMagicsDescribeTheGraph() {
        lab.run("mg-a", "int mgA = 1;");
        lab.run("mg-b", "int mgB = mgA + 1;");
        KernelClient.Execution deps = lab.run("mg-deps", "%deps");
        String table = deps.ofType("display_data").get(0).field("data").path("text/plain").asText();
        assertTrue(table.contains("mgB") && table.contains("mgA"), table);
        KernelClient.Execution graph = lab.run("mg-graph", "%graph");
        var data = graph.ofType("display_data").get(0).field("data");
        assertTrue(data.path("image/svg+xml").asText().startsWith("<svg"), data.toString());
        assertTrue(data.path("text/plain").asText().contains("--mgA-->"), data.path("text/plain").asText());
    }

    @Test
    void interruptStopsACascadeAndReportsTheRestAsNotRun() throws Exception {
        lab.run("int-a", "int intA = 1;");
        lab.run("int-b", "long intB = intA; System.out.println(\"intB loops from \" + intB); while (intB > 1) { intB++; }");
        lab.run("int-c", "System.out.println(\"intC \" + intB);");
        String msgId = lab.send("int-a", "int intA = 2;");
        // Interrupt once the cascade is inside int-b's loop: its re-run output says so.
        assertNotNull(client.nextMatching(Channel.IOPUB, m -> m.msgType().equals("stream")
                && m.field("text").asText().contains("intB loops from 2"), Duration.ofSeconds(30)),
                "int-b re-ran");
        client.send(Channel.CONTROL, "interrupt_request", Map.of());
        lab.await("int-a", msgId);
        String report = lab.report("int-a");
        assertTrue(report.contains("nterrupt"), report);
        assertTrue(lab.shown("int-c").contains("not re-run"), lab.shown("int-c"));
        lab.run("int-a", "int intA = 1;");
        assertTrue(lab.shown("int-c").contains("intC 1"), "kernel usable after: " + lab.shown("int-c"));
    }

    @Test
    void aFloodOfPrintingIsBatchedAndCappedWithANote() {
        KernelClient.Execution run = lab.run("flood",
                "for (int i = 0; i < 100_000; i++) System.out.println(\"line \" + i + \" of a long flood of output\");");
        String shown = lab.shown("flood");
        assertTrue(shown.startsWith("line 0 of"), shown.substring(0, 100));
        assertFalse(shown.contains("line 99999 of"), "cut after the cap");
        assertTrue(shown.contains("[output truncated (") && shown.contains(" MB more)"), shown.substring(shown.length() - 300));
        assertTrue(shown.length() < 1_100_000, "bounded: " + shown.length());
        assertTrue(run.ofType("stream").size() < 1_000, "batched, not one message per line: " + run.ofType("stream").size());
        System.out.println("ReactiveExecutionTest: 100,000 println (3.9 MB) -> " + run.ofType("stream").size()
                + " stream messages, " + shown.length() + " characters shown");
    }

    @Test
    void tracedCellsShowWhatIpykernelShows() {
        KernelClient.Execution decl = lab.run("look-decl", "int lookBase = 3;");
        assertEquals(List.of(), lab.outputs("look-decl"), "a declaration shows no output row");
        assertEquals(List.of("status", "execute_input", "status"), decl.iopubTypes());

        KernelClient.Execution value = lab.run("look-value", "System.out.println(\"squaring\");\nlookBase * lookBase");
        assertEquals(List.of("stream", "execute_result"), lab.outputs("look-value").stream().map(o -> o.type).toList());
        assertEquals(value.reply().field("execution_count").asInt(),
                value.ofType("execute_result").get(0).field("execution_count").asInt(), "the value has its prompt");
        assertEquals("9", lab.outputs("look-value").get(1).text);

        lab.run("look-md", "markdown(\"# Title \" + lookBase)");
        assertEquals("text/markdown", lab.outputs("look-md").get(0).mime, "markdown stays markdown");

        lab.run("look-err", "int lookBad = 10 / (lookBase - 3);");
        List<NotebookFrontend.Output> err = lab.outputs("look-err");
        assertEquals("error", err.get(err.size() - 1).type, err.toString());
        assertTrue(err.get(err.size() - 1).text.startsWith("java.lang.ArithmeticException"), err.toString());

        lab.run("look-decl", "int lookBase = 4;");
        assertEquals(List.of("stream", "execute_result"), lab.outputs("look-value").stream().map(o -> o.type).toList(),
                "re-run replaced the outputs with the same kinds");
        assertEquals("16", lab.outputs("look-value").get(1).text);
        assertEquals("squaring\n", lab.outputs("look-value").get(0).text, "not appended to the old text");
        assertEquals(List.of(), lab.outputs("look-err"), "the re-run succeeded and shows nothing: error gone");
        assertTrue(lab.outputs("look-md").get(0).text.contains("Title 4"), lab.outputs("look-md").toString());
    }

    @Test
    void aReloadedPageGetsCopiesOfCellsItDidNotRun() throws Exception {
        lab.run("reload-a", "int reloadA = 1;");
        lab.run("reload-b", "System.out.println(\"reloadB sees \" + reloadA);");
        try (KernelClient reloaded = kernel.connect(Duration.ofSeconds(30))) {
            NotebookFrontend page = new NotebookFrontend(reloaded); // a new connection, as after a page reload
            page.run("reload-a", "int reloadA = 2;");
            assertTrue(page.report("reload-a").contains("reloadB sees 2"),
                    "reload-b's output area is gone from this page: the report shows its output " + page.report("reload-a"));
        }
        lab.run("reload-a", "int reloadA = 3;");
        assertFalse(lab.report("reload-a").contains("reloadB sees 3"), "the original page shows it in place");
        assertTrue(lab.shown("reload-b").contains("reloadB sees 3"), lab.shown("reload-b"));
    }

    @Test
    void clientsThatMayNotUpdateInPlaceGetCopiesInTheTrigger() {
        NotebookFrontend other = new NotebookFrontend(client, false);
        other.run("copy-a", "int copyA = 1;");
        other.run("copy-b", "System.out.println(\"copyB sees \" + copyA);");
        other.run("copy-a", "int copyA = 2;");
        assertTrue(other.report("copy-a").contains("copyB sees 2"), other.report("copy-a"));
    }

    private int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
