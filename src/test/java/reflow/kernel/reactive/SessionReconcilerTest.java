package reflow.kernel.reactive;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reflow.kernel.analysis.CellAnalysis;
import reflow.kernel.analysis.CellAnalyzer;
import reflow.kernel.jshell.CellError;
import reflow.kernel.jshell.CellOutcome;
import reflow.kernel.jshell.Definition;
import reflow.kernel.jshell.SessionChanges;

/** The engine's bookkeeping of what JShell reported, without a kernel. */
class SessionReconcilerTest {
    private final CellAnalyzer analyzer = new CellAnalyzer();
    private final SessionReconciler reconciler = new SessionReconciler();
    private final Set<String> tracked = Set.of("a", "b", "c");

    private static CellOutcome ok(List<Definition> declared, List<SessionChanges.Reset> reset) {
        return new CellOutcome(false, null, null, List.of(), new SessionChanges(declared, List.of(), reset));
    }

    private static CellOutcome failed(String variable) {
        CellError error = new CellError(CellError.Kind.RUNTIME, "java.lang.NumberFormatException",
                "For input string: \"x\"", List.of());
        return new CellOutcome(false, null, error, List.of(), new SessionChanges(List.of(), List.of(variable), List.of()));
    }

    private SessionReconciler.Effects run(String id, String label, String code, CellOutcome outcome) {
        return reconciler.afterRun(id, label, analyzer.analyze(code), outcome, tracked::contains);
    }

    private CellError check(String code, boolean readerTracked) {
        CellAnalysis analysis = analyzer.analyze(code);
        return reconciler.undefinedNames(analysis.uses(), analysis.defines(), readerTracked, tracked::contains);
    }

    @Test
    void aFailedDeclarationIsUndefinedNamingItsCellAndWhy() {
        run("a", "[3] var spark = ...", "var spark = Integer.parseInt(conf);", failed("spark"));
        CellError error = check("spark.length()", true);
        assertEquals("NameError", error.ename());
        assertTrue(error.evalue().contains("`spark` is not defined: its cell [3] var spark = ... failed with "
                + "NumberFormatException: For input string: \"x\""), error.evalue());
        assertTrue(error.evalue().contains("runs again when that cell succeeds"), error.evalue());
        assertNull(check("var spark = 1;", true), "a cell defining the name itself may run");
        assertNull(check("other + 1", true));
    }

    @Test
    void aSuccessfulDeclarationDefinesTheNameAgain() {
        run("a", "[3] var spark = ...", "var spark = Integer.parseInt(conf);", failed("spark"));
        run("a", "[5] var spark = ...", "var spark = Integer.parseInt(conf);",
                ok(List.of(Definition.variable("spark")), List.of()));
        assertFalse(reconciler.hasUndefinedNames());
        assertNull(check("spark + 1", true));
    }

    @Test
    void resetValuesOfTrackedCellsAreReturnedToReRunAndUntrackedOnesNamed() {
        run("b", "[2] var p = new Pt();", "var p = new Pt();", ok(List.of(Definition.variable("p")), List.of()));
        run("run-4-1", "[4] var q = new Pt();", "var q = new Pt();", ok(List.of(Definition.variable("q")), List.of()));
        SessionReconciler.Effects effects = run("a", "[5] class Pt {...}", "class Pt { int x; }",
                ok(List.of(Definition.type("Pt")), List.of(new SessionChanges.Reset("p", Definition.type("Pt")),
                        new SessionChanges.Reset("q", Definition.type("Pt")))));
        assertEquals(Map.of("b", "`p` was reset when [5] class Pt {...} changed `Pt`"), effects.resetHolders());
        assertEquals(1, effects.notes().size());
        assertTrue(effects.notes().get(0).contains("`q` (defined by [4] var q = new Pt();)")
                && effects.notes().get(0).contains("run it again"), effects.notes().get(0));
        CellError error = check("q.x", false);
        assertTrue(error.evalue().contains("its cell [4] var q = new Pt(); has not run again since")
                && error.evalue().contains("Run that cell again"), error.evalue());
    }

    @Test
    void aResetValueWhoseCellThenFailsIsExplainedByTheFailure() {
        run("b", "[2] var r = new R(1);", "var r = new R(1);", ok(List.of(Definition.variable("r")), List.of()));
        run("a", "[5] record R(int a, int b) {}", "record R(int a, int b) {}",
                ok(List.of(Definition.type("R")), List.of(new SessionChanges.Reset("r", Definition.type("R")))));
        CellError compile = new CellError(CellError.Kind.COMPILE, "CompileError",
                "cell line 1, column 9: constructor R cannot be applied", List.of());
        run("b", "[2] var r = new R(1);", "var r = new R(1);", new CellOutcome(false, null, compile, List.of()));
        CellError error = check("r.b()", true);
        assertTrue(error.evalue().contains("its cell [2] var r = new R(1); failed with CompileError"), error.evalue());
    }

    @Test
    void forgettingADeletedDefinerRemovesItsUndefinedNames() {
        run("c", "[7] int k = ...", "int k = Integer.parseInt(s);", failed("k"));
        reconciler.forget("c", Set.of("k"));
        assertNull(check("k + 1", true));
    }
}
