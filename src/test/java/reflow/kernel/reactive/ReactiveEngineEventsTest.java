package reflow.kernel.reactive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reflow.kernel.jshell.CellError;
import reflow.kernel.jshell.CellIO;
import reflow.kernel.jshell.CellOutcome;
import reflow.kernel.jshell.Definition;
import reflow.kernel.output.CellRef;
import reflow.kernel.output.RunCause;
import reflow.kernel.output.RunEvents;

/**
 * The engine without sockets or JShell: what it tells the presenter for a request. The runner fails cells
 * whose code contains "FAIL" and succeeds otherwise (nothing is evaluated: scheduling is under test).
 */
class ReactiveEngineEventsTest {
    private final List<String> events = new ArrayList<>();
    private final ReactiveEngine engine = new ReactiveEngine(new CellRunner() {
        @Override
        public CellOutcome run(CellRun run, CellIO io) {
            if (run.code().contains("FAIL")) {
                return new CellOutcome(false, null, new CellError(CellError.Kind.RUNTIME, "Boom", "failed on purpose",
                        List.of("Boom: failed on purpose")), List.of());
            }
            return new CellOutcome(false, null, null, List.of());
        }

        @Override
        public void drop(Definition definition) {
        }
    });

    private final RunEvents recorder = new RunEvents() {
        @Override public CellIO started(CellRef cell, RunCause cause) {
            events.add("started " + cell.id() + " " + cause.kind());
            return CellIO.DISCARD;
        }
        @Override public void note(CellRef cell, String text) { events.add("note " + cell.id()); }
        @Override public void finished(CellRef cell, CellOutcome outcome) {
            events.add("finished " + cell.id() + (outcome.ok() ? " ok" : " failed"));
        }
        @Override public void stale(CellRef cell, String why) { events.add("stale " + cell.id()); }
        @Override public void skipped(CellRef cell, String why) { events.add("skipped " + cell.id() + ": " + why); }
        @Override public void cascadeStarted(int cells) { events.add("cascade " + cells); }
        @Override public void leftToQueuedRequests(int cells) { events.add("left to their requests " + cells); }
    };

    /** The recorder, plus {@code onStart} when a cell starts (a request arriving at that moment). */
    private RunEvents recordingAnd(java.util.function.Consumer<CellRef> onStart) {
        return new RunEvents() {
            @Override public CellIO started(CellRef cell, RunCause cause) {
                onStart.accept(cell);
                return recorder.started(cell, cause);
            }
            @Override public void note(CellRef cell, String text) { recorder.note(cell, text); }
            @Override public void finished(CellRef cell, CellOutcome outcome) { recorder.finished(cell, outcome); }
            @Override public void stale(CellRef cell, String why) { recorder.stale(cell, why); }
            @Override public void skipped(CellRef cell, String why) { recorder.skipped(cell, why); }
            @Override public void cascadeStarted(int cells) { recorder.cascadeStarted(cells); }
            @Override public void leftToQueuedRequests(int cells) { recorder.leftToQueuedRequests(cells); }
        };
    }

    private void run(String id, String code) {
        engine.runCell(id, code, 1, recorder, List::of);
    }

    @Test
    void aChangeRerunsItsDependentsAndSkipsThoseBelowAFailure() {
        run("a", "int a = 1;");
        run("b", "int b = a + 1;");
        run("c", "int c = b + 1;");
        events.clear();
        run("a", "int a = 2;");
        assertEquals(List.of("started a REQUESTED", "finished a ok", "cascade 2",
                "started b RERUN", "finished b ok", "started c RERUN", "finished c ok"), events);

        run("b", "int b = a + 1; // FAIL");
        assertEquals(List.of("started b REQUESTED", "finished b failed", "skipped c: upstream cell [1] int b = a + 1; // FAIL failed"),
                events.subList(events.size() - 3, events.size()));
    }

    /**
     * Run All in JupyterLab: the requests reach the kernel one by one, so a cell's own request can arrive
     * while the cascade of an earlier cell is already running. That cell (and what depends on it) is left
     * to its own request, so it runs once, as do the cells queued before the cascade started.
     */
    @Test
    void aCellWhoseRequestArrivesDuringTheCascadeRunsOnlyForThatRequest() {
        run("a", "int a = 1;");
        run("b", "int b = a + 1;");
        run("c", "int c = b + 1;");
        run("d", "int d = c + 1;");
        events.clear();
        List<String> queued = new ArrayList<>();
        RunEvents cQueuedWhileBRuns = recordingAnd(cell -> {
            if (cell.id().equals("b")) {
                queued.add("c"); // c's own request arrives while b re-runs
            }
        });
        engine.runCell("a", "int a = 2;", 2, cQueuedWhileBRuns, () -> List.copyOf(queued));
        assertEquals(List.of("started a REQUESTED", "finished a ok", "cascade 3", "started b RERUN", "finished b ok",
                        "left to their requests 2"),
                events, "c and d are left to c's request");
        events.clear();
        engine.runCell("c", "int c = b + 1;", 3, recorder, List::of);
        assertEquals(List.of("started c REQUESTED", "finished c ok", "cascade 1", "started d RERUN", "finished d ok"), events);
    }

    /** All of them queued by the time the trigger ends: no cascade is announced (no empty report). */
    @Test
    void noCascadeIsAnnouncedWhenEveryDescendantArrivedWithItsOwnRequest() {
        run("a", "int a = 1;");
        run("b", "int b = a + 1;");
        events.clear();
        List<String> queued = new ArrayList<>();
        RunEvents bQueuedWhileARuns = recordingAnd(cell -> queued.add("b")); // b's request arrives while a runs
        engine.runCell("a", "int a = 2;", 2, bQueuedWhileARuns, () -> List.copyOf(queued));
        assertEquals(List.of("started a REQUESTED", "finished a ok"), events);
    }
}
