package reflow.kernel.reactive;

import java.util.LinkedHashSet;
import java.util.Set;
import reflow.kernel.analysis.CellAnalysis;
import reflow.kernel.jshell.Definition;
import reflow.kernel.output.CellRef;

/**
 * A cell the frontend identified by id and that has run in this kernel: the only kind that is ever
 * re-run. Holds its current code and analysis, and the execution count the user last saw on it (its label).
 */
final class TrackedCell {
    final String id;
    String code;
    CellAnalysis analysis;
    int executionCount;
    boolean stale;
    /** Why the cell's last run failed, or null (a %maven line may fix it: {@code rerunFailed}). */
    reflow.kernel.jshell.CellError lastError;
    /** What JShell holds from this cell (its last run, plus earlier definitions a failed run did not reach). */
    final Set<Definition> declared = new LinkedHashSet<>();

    TrackedCell(String id) {
        this.id = id;
    }

    /** How messages name the cell: the execution count the user sees and its first line. */
    String label() {
        return "[" + executionCount + "] " + firstLine(code);
    }

    /** The cell as the presenter knows it. */
    CellRef ref() {
        return new CellRef(id, executionCount, label());
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
