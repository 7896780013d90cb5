package reflow.kernel.reactive;

import java.util.Map;
import java.util.Set;
import reflow.kernel.analysis.CellAnalysis;

/**
 * One run of a cell as the graph sees it, for the runner: the code, its analysis, every top-level name it
 * reaches (directly or through methods and classes of other cells), which of those other live cells
 * define, and which no live cell defines any more (name -> label of the cell that last defined it).
 */
public record CellRun(String cellId, String code, CellAnalysis analysis, Set<String> references,
                      Map<String, String> definedElsewhere, Map<String, String> missing) {

    /** A run outside the graph (silent requests, user_expressions): nothing to check or copy. */
    public static CellRun untracked(String code, CellAnalysis analysis) {
        return new CellRun(null, code, analysis, Set.of(), Map.of(), Map.of());
    }
}
