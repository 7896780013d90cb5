package reflow.kernel.jshell;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stop, the System.exit guard, and the cell's streams. */
class JShellBridgeControlTest {
    static JShellBridge bridge;
    static ScheduledExecutorService stopper = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void start() throws Exception {
        bridge = JShellBridge.startAsync().get();
    }

    @AfterAll
    static void close() {
        bridge.close();
        stopper.shutdownNow();
    }

    /**
     * Evaluates {@code code}, which prints "go" in the snippet that runs long (a stop that arrives while a
     * later snippet still compiles would pass too easily); calls stop() from another
     * thread 200 ms after that, and checks the cell ended within 1 s of the stop.
     */
    static CellOutcome evalAndStop(String code) {
        AtomicLong stoppedAt = new AtomicLong();
        RecordingCellIO io = new RecordingCellIO() {
            @Override
            public synchronized void write(String streamName, String text) {
                super.write(streamName, text);
                if (text.contains("go")) {
                    stopper.schedule(() -> {
                        stoppedAt.set(System.nanoTime());
                        bridge.stop();
                    }, 200, TimeUnit.MILLISECONDS);
                }
            }
        };
        CellOutcome out = bridge.evaluate(code, io);
        assertNotEquals(0, stoppedAt.get(), "the cell ended before it was stopped: " + out);
        long lateMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt.get());
        assertTrue(lateMillis < 1000, "cell ended " + lateMillis + " ms after stop()");
        assertNotNull(out.error(), "the cell should have been stopped");
        assertEquals(CellError.Kind.INTERRUPTED, out.error().kind(), () -> out.error().toString());
        return out;
    }

    static void assertStillWorks() {
        bridge.clearStop(); // what the kernel does when the next request starts
        CellOutcome out = bridge.evaluate("6 * 7", new RecordingCellIO());
        assertTrue(out.ok(), () -> String.valueOf(out.error()));
        assertEquals(42, out.value());
    }

    @Test
    void stopsEmptyInfiniteLoop() {
        CellOutcome out = evalAndStop("int before = 1;\nif (true) { System.out.println(\"go\");\n  while (true) {} }");
        assertEquals("Interrupted: the cell was stopped at cell line 3", out.error().evalue());
        assertStillWorks();
    }

    @Test
    void stopsCountingLoop() {
        evalAndStop("long x = 0;\nif (true) { System.out.println(\"go\"); for (;;) { x++; } }");
        assertTrue((Long) bridge.valueOf("x") > 0);
        assertStillWorks();
    }

    @Test
    void stopsSleep() {
        CellOutcome out = evalAndStop("if (true) { System.out.println(\"go\"); Thread.sleep(100000); }");
        assertTrue(out.error().evalue().startsWith("Interrupted"), out.error().evalue());
        assertStillWorks();
    }

    @Test
    void stopsLoopInsideMethodFromEarlierCell() {
        bridge.evaluate("void spin() {\n  int i = 0;\n  while (i >= 0) { i = (i + 1) % 10; }\n}", new RecordingCellIO());
        CellOutcome out = evalAndStop("if (true) { System.out.println(\"go\"); spin(); }");
        assertTrue(out.error().evalue().contains("spin (earlier cell line 3)"), out.error().evalue());
        assertStillWorks();
    }

    @Test
    void catchingExceptionDoesNotSwallowStop() {
        evalAndStop("if (true) { System.out.println(\"go\");\n  while (true) { try { Thread.sleep(10); } catch (Exception e) { } } }");
        assertStillWorks();
    }

    @Test
    void stopBetweenCellsStopsTheNextCellUntilCleared() {
        bridge.stop();
        CellOutcome stopped = bridge.evaluate("int i = 0; while (i < 10) { i++; }", new RecordingCellIO());
        assertEquals(CellError.Kind.INTERRUPTED, stopped.error().kind(), "a cascade interrupted between cells stops");
        bridge.clearStop();
        assertStillWorks();
    }

    @Test
    void systemExitIsBlockedAndKernelSurvives() {
        CellOutcome out = bridge.evaluate("int kept = 5;\nSystem.exit(0);", new RecordingCellIO());
        assertEquals(CellError.Kind.EXIT, out.error().kind());
        assertTrue(out.error().evalue().startsWith("System.exit(0) was blocked: it would shut down the kernel"),
                out.error().evalue());
        assertTrue(out.error().evalue().contains("Restart Kernel"));
        assertEquals(5, bridge.valueOf("kept"));
        for (String code : List.of("Runtime.getRuntime().exit(3);", "Runtime.getRuntime().halt(1);",
                "try { System.exit(1); } catch (Exception e) { }",
                "java.util.function.IntConsumer quit = System::exit;\nquit.accept(2);")) {
            CellOutcome o = bridge.evaluate(code, new RecordingCellIO());
            assertNotNull(o.error(), code);
            assertEquals(CellError.Kind.EXIT, o.error().kind(), code);
        }
        assertStillWorks();
    }

    @Test
    void stdoutStderrAndDisplayStayInOrder() {
        RecordingCellIO io = new RecordingCellIO();
        CellOutcome out = bridge.evaluate("System.out.println(\"one\");\nSystem.err.println(\"two\");\n"
                + "display(3);\nSystem.out.print(\"fo\");\nSystem.out.print(\"ur\");\nclearOutput();\nSystem.out.print(\"five\");", io);
        assertTrue(out.ok(), () -> String.valueOf(out.error()));
        // A partial line may arrive in pieces (it is sent after waiting 50 ms), so merge consecutive writes.
        assertEquals(List.of("stdout:one\n", "stderr:two\n", "display:3", "stdout:four", "clear:false", "stdout:five"),
                mergeConsecutiveWrites(io.events));
    }

    @Test
    void partialLinesArriveWhileTheCellRuns() {
        RecordingCellIO io = new RecordingCellIO();
        bridge.evaluate("System.out.print(\"waiting...\");\nThread.sleep(300);\nSystem.out.println(\" done\");", io);
        assertEquals(List.of("stdout:waiting...", "stdout: done\n"), io.events);
    }

    @Test
    void utf8SplitAcrossWritesIsDecoded() {
        RecordingCellIO io = new RecordingCellIO();
        bridge.evaluate("byte[] b = \"h\u00e9 \u20ac \uD83D\uDE00\\n\".getBytes(java.nio.charset.StandardCharsets.UTF_8);\n"
                + "for (byte x : b) System.out.write(x);\nSystem.out.flush();", io);
        assertEquals("h\u00e9 \u20ac \uD83D\uDE00\n", io.text("stdout"));
    }

    @Test
    void threadsStartedByTheCellPrintToTheCell() {
        RecordingCellIO io = new RecordingCellIO();
        bridge.evaluate("Thread t = new Thread(() -> System.out.println(\"from thread\"));\nt.start();\nt.join();", io);
        assertEquals("from thread\n", io.text("stdout"));
    }

    @Test
    void scannerAndBufferedReaderReadFromTheFrontend() {
        RecordingCellIO io = new RecordingCellIO();
        io.input.add("21");
        io.input.add("Ada Lovelace");
        CellOutcome out = bridge.evaluate("Scanner sc = new Scanner(System.in);\nint n = sc.nextInt();\n"
                + "String name = new BufferedReader(new InputStreamReader(System.in)).readLine();\nname + \" \" + (n * 2)", io);
        assertTrue(out.ok(), () -> String.valueOf(out.error()));
        assertEquals("Ada Lovelace 42", out.value());
        assertEquals(2, io.prompts);
    }

    @Test
    void inputErrorReachesUserCode() {
        CellIO failing = new RecordingCellIO() {
            @Override
            public synchronized String readLine(String prompt) throws IOException {
                throw new IOException("input was cancelled");
            }
        };
        CellOutcome out = bridge.evaluate("new BufferedReader(new InputStreamReader(System.in)).readLine()", failing);
        assertEquals(CellError.Kind.RUNTIME, out.error().kind());
        assertEquals("java.io.IOException", out.error().ename());
        assertEquals("input was cancelled", out.error().evalue());
    }

    static List<String> mergeConsecutiveWrites(List<String> events) {
        List<String> merged = new java.util.ArrayList<>();
        for (String e : events) {
            int last = merged.size() - 1;
            String stream = e.substring(0, e.indexOf(':') + 1);
            if (last >= 0 && stream.startsWith("std") && merged.get(last).startsWith(stream)) {
                merged.set(last, merged.get(last) + e.substring(stream.length()));
            } else {
                merged.add(e);
            }
        }
        return merged;
    }
}
