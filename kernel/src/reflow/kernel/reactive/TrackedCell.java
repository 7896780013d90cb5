package reflow.kernel.reactive;

import java.util.LinkedHashSet;
import java.util.Set;
import reflow.kernel.analysis.CellAnalysis;
import reflow.kernel.jshell.Definition;
import reflow.kernel.output.CellReport;
import reflow.kernel.output.CellSlot;

/**
 * A cell the frontend identified by id and that has run in this kernel: the only kind that is ever
 * re-run. Holds its current code and analysis, the execution count the user last saw on it (its label),
 * its output slot and what that slot last showed.
 */
final class TrackedCell {
    final String id;
    final CellSlot slot;
    String code;
    CellAnalysis analysis;
    int executionCount;
    CellReport lastReport;
    boolean stale;
    /** What JShell holds from this cell (its last run, plus earlier definitions a failed run did not reach). */
    final Set<Definition> declared = new LinkedHashSet<>();

    TrackedCell(String id, CellSlot slot) {
        this.id = id;
        this.slot = slot;
    }

    /** How messages name the cell: the execution count the user sees and its first line. */
    String label() {
        return "[" + executionCount + "] " + firstLine(code);
    }

    static String firstLine(String code) {
        for (String line : code.strip().split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("//")) {
                return t.length() > 60 ? t.substring(0, 57) + "..." : t;
            }
        }
        return "(empty)";
    }
}
