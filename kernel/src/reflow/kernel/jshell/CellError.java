package reflow.kernel.jshell;

import java.util.List;

/**
 * Why a cell stopped. kind: COMPILE (JShell rejected a snippet), RUNTIME (an exception escaped),
 * INTERRUPTED (stopped by interrupt), EXIT (the cell called System.exit, which is blocked).
 * ename/evalue/traceback are ready for the Jupyter error message: the traceback names the cell line and
 * column (compile) or the user's own frames with cell line numbers (runtime), without kernel internals.
 */
public record CellError(Kind kind, String ename, String evalue, List<String> traceback) {
    public enum Kind { COMPILE, RUNTIME, INTERRUPTED, EXIT }
}
