package reflow.kernel.reactive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import reflow.kernel.analysis.CellAnalysis;
import reflow.kernel.jshell.CellError;
import reflow.kernel.jshell.CellOutcome;
import reflow.kernel.jshell.Definition;
import reflow.kernel.jshell.SessionChanges;

/**
 * Keeps the engine's idea of the session in line with what JShell reports after each run: which cell last
 * defined a name, which names are undefined because their declaration failed or a redefinition reset
 * them, and which cells hold values that a redefinition threw away (so they must run again).
 */
final class SessionReconciler {
    /** The cell that last ran a definition of a name: a tracked cell id or an untracked run-N id. */
    record Definer(String cellId, String label) {}

    /** What a run means for others: notes for the cell that ran, tracked cells to re-run (id -> why). */
    record Effects(List<String> notes, Map<String, String> resetHolders) {}

    private static final int SUMMARY_CHARS = 160;

    private final UndefinedNames undefined = new UndefinedNames();
    private final Map<String, Definer> lastDefiner = new LinkedHashMap<>();

    /** Label of the cell that last defined {@code name}, or null. */
    String lastDefinerLabel(String name) {
        Definer d = lastDefiner.get(name);
        return d == null ? null : d.label();
    }

    boolean hasUndefinedNames() {
        return !undefined.isEmpty();
    }

    /**
     * Records a run of cell {@code cellId}: what it declared exists again; what failed or was reset becomes
     * undefined; the holders of reset values are returned (tracked ones to re-run) or named in notes.
     */
    Effects afterRun(String cellId, String label, CellAnalysis analysis, CellOutcome outcome,
                     Predicate<String> isTracked) {
        SessionChanges changes = outcome.changes();
        List<String> notes = new ArrayList<>();
        Map<String, String> holders = new LinkedHashMap<>();
        undefined.defined(changes.declared().stream().map(Definition::name).toList());
        for (String name : analysis.defines()) {
            lastDefiner.put(name, new Definer(cellId, label));
        }
        String failure = outcome.ok() ? null : summary(outcome.error());
        for (String name : changes.failed()) {
            undefined.add(name, cellId, "its cell " + label + " failed with " + failure, true);
            notes.add("note: `" + name + "` is not defined: its initializer failed. Cells using it are told so, "
                    + "and run again when this cell succeeds.");
        }
        if (!outcome.ok()) {
            // A value reset earlier whose cell fails now: the failure is the better explanation.
            for (String name : analysis.defines()) {
                if (undefined.contains(name) && !changes.failed().contains(name)) {
                    undefined.add(name, cellId, "its cell " + label + " failed with " + failure, true);
                }
            }
        }
        for (SessionChanges.Reset reset : changes.reset()) {
            String name = reset.variable();
            String cause = "`" + reset.cause().display() + "`";
            Definer holder = lastDefiner.get(name);
            if (holder == null || holder.cellId().equals(cellId)) {
                undefined.add(name, cellId, "its value was lost when " + label + " changed " + cause, false);
                notes.add("note: `" + name + "` was reset because this cell changed " + cause
                        + " (a value of the old shape cannot be kept): define it again.");
                continue;
            }
            undefined.add(name, holder.cellId(), "its value was lost when " + label + " changed " + cause
                    + ", and its cell " + holder.label() + " has not run again since", false);
            if (isTracked.test(holder.cellId())) {
                holders.merge(holder.cellId(), "`" + name + "` was reset when " + label + " changed " + cause,
                        (a, b) -> a);
            } else {
                notes.add("note: `" + name + "` (defined by " + holder.label() + ") was reset because this cell "
                        + "changed " + cause + " (a value of the old shape cannot be kept). That cell was run "
                        + "without a cell id, so Reflow cannot re-run it: run it again to rebuild `" + name + "`.");
            }
        }
        return new Effects(notes, holders);
    }

    /**
     * Code run outside any cell (silent requests, user_expressions) defined something: those names exist
     * again, but no cell owns them, so nothing else is recorded.
     */
    void declaredOutsideCells(CellOutcome outcome) {
        undefined.defined(outcome.changes().declared().stream().map(Definition::name).toList());
    }

    /** A cell was deleted or edited so it no longer defines these names. */
    void forget(String cellId, Collection<String> names) {
        undefined.forget(cellId, names);
    }

    /**
     * The error for a cell that uses names whose cell failed or was reset, before it runs (it could only
     * fail, and with a worse message); null when there are none.
     */
    CellError undefinedNames(Collection<String> references, Set<String> ownDefinitions, boolean readerTracked,
                             Predicate<String> isTracked) {
        List<UndefinedNames.Entry> used = undefined.usedBy(references, ownDefinitions);
        if (used.isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (UndefinedNames.Entry e : used) {
            String then = readerTracked && isTracked.test(e.definer())
                    ? " This cell runs again when that cell succeeds."
                    : e.failed() ? " Fix and run that cell, then this one." : " Run that cell again, then this one.";
            lines.add("`" + e.name() + "` is not defined: " + e.why() + "." + then);
        }
        String message = String.join("\n", lines);
        List<String> traceback = new ArrayList<>();
        traceback.add("NameError: the cell did not run.");
        lines.forEach(l -> traceback.add("  " + l));
        return new CellError(CellError.Kind.COMPILE, "NameError", message, traceback);
    }

    private static String summary(CellError error) {
        String evalue = error.evalue() == null ? "" : error.evalue().strip();
        int newline = evalue.indexOf('\n');
        if (newline >= 0) {
            evalue = evalue.substring(0, newline);
        }
        String ename = error.ename().substring(error.ename().lastIndexOf('.') + 1); // java.lang.X reads as X
        String text = evalue.isEmpty() ? ename : ename + ": " + evalue;
        return text.length() > SUMMARY_CHARS ? text.substring(0, SUMMARY_CHARS - 3) + "..." : text;
    }
}
