package reflow.kernel;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import reflow.testing.KernelClient;

/**
 * Strict mode end to end: a kernel started as the reflow-strict kernelspec starts it, JupyterLab-shaped
 * requests, and what the user sees in each cell. Cells use distinct names so the tests share one kernel.
 */
class StrictModeTest extends SharedKernelTest {
    @Override
    String[] kernelArgs() {
        return new String[] {"--mode", "strict"};
    }

    private String value(String cellId, String code) {
        KernelClient.Execution run = lab.run(cellId, code);
        assertEquals("ok", run.status(), () -> lab.shown(cellId));
        return lab.shown(cellId).strip();
    }

    @Test
    void bannerNamesTheMode() {
        String msgId = client.send(reflow.protocol.Channel.SHELL, "kernel_info_request", java.util.Map.of());
        var reply = client.awaitReply(reflow.protocol.Channel.SHELL, msgId);
        assertTrue(reply.field("banner").asText().contains("Mode: strict"), reply.field("banner").asText());
    }

    @Test
    void mutatingAnotherCellsListMapOrArrayChangesOnlyACopy() {
        lab.run("iso-def", "List<Integer> isoList = new ArrayList<>(List.of(3, 1, 2));\n"
                + "Map<String, Integer> isoMap = new HashMap<>(Map.of(\"a\", 1));\nint[] isoArr = {3, 1, 2};");
        assertEquals("[1, 2, 3, 99]", value("iso-mut", "isoList.add(99); Collections.sort(isoList);\n"
                + "isoMap.put(\"b\", 2); Arrays.sort(isoArr);\nisoList"));
        assertEquals("[3, 1, 2] {a=1} [3, 1, 2]",
                value("iso-read", "isoList + \" \" + isoMap + \" \" + Arrays.toString(isoArr)"));
    }

    @Test
    void fieldsOfCellDeclaredClassesAndRecordsAreIsolated() {
        lab.run("cls-decl", "class Box { int v; List<String> tags = new ArrayList<>(); }\n"
                + "record Bag(List<String> items) {}");
        lab.run("cls-def", "Box clsBox = new Box();\nBag clsBag = new Bag(new ArrayList<>());\n"
                + "Map<String, List<Integer>> clsNested = new HashMap<>(Map.of(\"k\", new ArrayList<>(List.of(1))));");
        lab.run("cls-mut", "clsBox.v = 5; clsBox.tags.add(\"x\"); clsBag.items().add(\"y\"); clsNested.get(\"k\").add(2);");
        assertEquals("0 [] [] [1]", value("cls-read",
                "clsBox.v + \" \" + clsBox.tags + \" \" + clsBag.items() + \" \" + clsNested.get(\"k\")"));
    }

    @Test
    void assigningAnotherCellsVariableIsAnErrorNamingBothCells() {
        lab.run("asg-def", "int asgCount = 1;");
        KernelClient.Execution assign = lab.run("asg-use", "asgCount = 5;");
        assertEquals("error", assign.status());
        String shown = lab.shown("asg-use");
        assertTrue(shown.contains("`asgCount`") && shown.contains("int asgCount = 1;"), shown);
        assertEquals("error", lab.run("asg-inc", "asgCount++;").status());
        assertEquals("1", value("asg-read", "asgCount"));
    }

    @Test
    void cyclesAndSharedSubgraphsSurviveTheCopy() {
        lab.run("cyc-decl", "class Ring { Ring next; int v; }");
        lab.run("cyc-def", "Ring cycRing = new Ring(); cycRing.next = cycRing;\n"
                + "List<Integer> cycShared = new ArrayList<>();\nList<List<Integer>> cycBoth = List.of(cycShared, cycShared);");
        assertEquals("true 7 1", value("cyc-mut", "cycRing.next.v = 7; cycBoth.get(0).add(1);\n"
                + "(cycRing.next == cycRing) + \" \" + cycRing.v + \" \" + cycBoth.get(1).size()"));
        assertEquals("0 0", value("cyc-read", "cycRing.v + \" \" + cycBoth.get(1).size()"));
    }

    @Test
    void variablesThatAliasOneObjectStillAliasOneCopy() {
        lab.run("ali-def", "List<Integer> aliA = new ArrayList<>(List.of(1, 2));\nvar aliC = aliA;\n"
                + "Map<String, List<Integer>> aliByName = new HashMap<>(Map.of(\"a\", aliA));");
        assertEquals("true true", value("ali-same", "(aliA == aliC) + \" \" + (aliByName.get(\"a\") == aliC)"));
        // As in relaxed mode, a change through one alias shows through the other inside the cell...
        assertEquals("3 3", value("ali-mut", "aliA.add(3);\naliC.size() + \" \" + aliByName.get(\"a\").size()"));
        // ...and, as always in strict mode, not after it.
        assertEquals("2 2 true", value("ali-read", "aliA.size() + \" \" + aliC.size() + \" \" + (aliA == aliC)"));
    }

    @Test
    void atomicsEnumMapsAndLegacyDatesAreCopiedNotShared() {
        lab.run("jdk-def", "var jdkCounter = new java.util.concurrent.atomic.AtomicInteger(1);\n"
                + "var jdkTotal = new java.util.concurrent.atomic.AtomicLong(5);\n"
                + "EnumMap<TimeUnit, Integer> jdkUnits = new EnumMap<>(TimeUnit.class); jdkUnits.put(TimeUnit.SECONDS, 1);\n"
                + "Date jdkWhen = new Date(0);");
        String changed = value("jdk-mut", "jdkCounter.incrementAndGet(); jdkTotal.addAndGet(5);"
                + " jdkUnits.put(TimeUnit.DAYS, 2); jdkWhen.setTime(1000);\n"
                + "jdkCounter + \" \" + jdkTotal + \" \" + jdkUnits.size() + \" \" + jdkWhen.getTime()");
        assertEquals("2 10 2 1000", changed, "copied without a sharing warning");
        assertEquals("1 5 {SECONDS=1} 0", value("jdk-read",
                "jdkCounter + \" \" + jdkTotal + \" \" + jdkUnits + \" \" + jdkWhen.getTime()"));
    }

    @Test
    void zeroCopyAndShallowCopyOptOutAloneAndInsideContainers() {
        lab.run("opt-def", "List<Integer> optZero = zeroCopy(new ArrayList<>());\n"
                + "List<List<Integer>> optMixed = List.of(zeroCopy(new ArrayList<>()), new ArrayList<>());\n"
                + "List<StringBuilder> optShallow = shallowCopy(new ArrayList<>(List.of(new StringBuilder(\"a\"))));");
        lab.run("opt-mut", "optZero.add(1); optMixed.get(0).add(1); optMixed.get(1).add(1);\n"
                + "optShallow.add(new StringBuilder(\"b\")); optShallow.get(0).append(\"!\");");
        assertEquals("1 1 0 1 a!", value("opt-read", "optZero.size() + \" \" + optMixed.get(0).size() + \" \" "
                + "+ optMixed.get(1).size() + \" \" + optShallow.size() + \" \" + optShallow.get(0)"));
    }

    @Test
    void uncopyableValuesAreSharedWithAOneTimeWarning() {
        lab.run("unc-def", "Thread uncWorker = new Thread(() -> {}, \"unc-worker\");");
        String first = value("unc-use", "uncWorker.getName()");
        assertTrue(first.contains("uncWorker") && first.contains("zeroCopy") && first.contains("unc-worker"), first);
        String second = value("unc-use", "uncWorker.getName()");
        assertFalse(second.contains("zeroCopy"), "warned once: " + second);
    }

    @Test
    void usingANameOfADeletedCellIsStoppedBeforeItRuns() {
        lab.run("gone-a", "int goneA = 1;");
        lab.run("gone-b", "System.out.println(\"ran gone-b\"); goneA + 1");
        lab.delete("gone-a");
        KernelClient.Execution again = lab.run("gone-b", "System.out.println(\"ran gone-b\"); goneA + 1");
        assertEquals("error", again.status());
        String shown = lab.shown("gone-b");
        assertTrue(shown.contains("`goneA` is not defined by any live cell") && shown.contains("int goneA = 1;"), shown);
        assertFalse(shown.contains("ran gone-b"), "stopped before execution: " + shown);
    }

    @Test
    void usingANameEditedAwayIsStoppedBeforeItRuns() {
        lab.run("away-a", "int awayX = 1;\nint awayY = 2;");
        lab.run("away-b", "awayY");
        lab.run("away-a", "int awayX = 1;");
        KernelClient.Execution again = lab.run("away-b", "awayY");
        assertEquals("error", again.status());
        assertTrue(lab.shown("away-b").contains("`awayY` is not defined by any live cell"), lab.shown("away-b"));
    }

    @Test
    void rerunsInStrictModeAlsoWorkOnCopies() {
        lab.run("rr-a", "List<Integer> rrList = new ArrayList<>(List.of(1));");
        lab.run("rr-b", "rrList.add(2);\nint rrSize = rrList.size();");
        lab.run("rr-c", "\"size \" + rrSize");
        lab.run("rr-b", "rrList.add(2);\nint rrSize = rrList.size();");
        assertTrue(lab.shown("rr-c").contains("size 2"), "running b twice does not accumulate: " + lab.shown("rr-c"));
        lab.run("rr-a", "List<Integer> rrList = new ArrayList<>(List.of(1, 1));");
        assertTrue(lab.shown("rr-c").contains("size 3"), lab.shown("rr-c"));
    }

    @Test
    void aFailingCellLeavesUpstreamValuesIntact() {
        lab.run("fl-a", "List<Integer> flList = new ArrayList<>(List.of(1, 2));");
        assertEquals("error", lab.run("fl-b", "flList.clear();\nint flBoom = 1 / 0;").status());
        assertEquals("2", value("fl-c", "flList.size()"));
    }

    @Test
    void cellsWithoutIdsAreIsolatedToo() {
        client.executeAndCollect("List<Integer> plainList = new ArrayList<>();");
        client.executeAndCollect("plainList.add(1);");
        KernelClient.Execution read = client.executeAndCollect("plainList.size()");
        assertEquals("0", read.ofType("execute_result").get(0).field("data").path("text/plain").asText());
    }

    @Test
    void switchingModesWhileRunning() {
        lab.run("sw-def", "List<Integer> swList = new ArrayList<>();");
        try {
            assertTrue(value("sw-relaxed", "%mode relaxed").contains("relaxed"));
            lab.run("sw-mut1", "swList.add(1);");
            assertEquals("1", value("sw-read1", "swList.size()"), "relaxed: the mutation leaks");
            assertTrue(value("sw-strict", "%mode strict").contains("strict"));
            lab.run("sw-mut2", "swList.add(2);");
            assertEquals("1", value("sw-read2", "swList.size()"), "strict: current values are canonical, copies are not");
        } finally {
            lab.run("sw-restore", "%mode strict");
        }
    }

    @Test
    void switchingModesClosesTheCopierItReplaces() {
        lab.run("cp-def", "List<Integer> cpList = new ArrayList<>(List.of(1));");
        try {
            for (int i = 0; i < 4; i++) {
                value("cp-relaxed" + i, "%mode relaxed");
                value("cp-strict" + i, "%mode strict");
                assertEquals("1", value("cp-use" + i, "cpList.size()")); // a copy: the copier's thread runs
            }
            // A closed copier's thread ends once it is idle; wait for that (bounded), then count.
            String copierThreads = value("cp-count", "long copiers = 0;\n"
                    + "for (int wait = 0; wait < 100; wait++) {\n"
                    + "  copiers = Thread.getAllStackTraces().keySet().stream()\n"
                    + "      .filter(t -> t.getName().equals(\"reflow-copier\")).count();\n"
                    + "  if (copiers <= 1) break;\n"
                    + "  Thread.sleep(50);\n"
                    + "}\n"
                    + "copiers");
            assertEquals("1", copierThreads, "one copier thread for the session, not one per %mode switch");
        } finally {
            lab.run("cp-restore", "%mode strict");
        }
    }

    @Test
    void peakMemoryStaysWithinTwiceTheDataAndIdleReturnsToOnce() {
        lab.run("mem-gc", "System.gc(); Thread.sleep(100); System.gc();");
        lab.run("mem-base", "long memBase = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();");
        lab.run("mem-data", "int[] memData = new int[40_000_000];"); // 160 MB
        lab.run("mem-during", "memData[0] = 1; System.gc(); Thread.sleep(100); System.gc();\n"
                + "long memDuring = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();");
        lab.run("mem-gc2", "System.gc(); Thread.sleep(100); System.gc();");
        lab.run("mem-idle", "long memIdle = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();");
        String ratios = value("mem-ratio", "String.format(\"%.2f %.2f\", (memDuring - memBase) / 160e6, (memIdle - memBase) / 160e6)");
        String[] parts = ratios.replace("\"", "").strip().split(" ");
        double peak = Double.parseDouble(parts[0]), idle = Double.parseDouble(parts[1]);
        System.out.println("strict mode memory, in units of the data a cell uses: peak " + peak + ", idle " + idle);
        assertTrue(peak > 1.8 && peak < 2.3, "a cell using the data holds it and one copy: " + ratios);
        assertTrue(idle > 0.8 && idle < 1.3, "the copy is gone once the cell ends: " + ratios);
    }
}
