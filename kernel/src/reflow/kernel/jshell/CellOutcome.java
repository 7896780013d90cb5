package reflow.kernel.jshell;

import java.util.List;

/**
 * The result of evaluating one cell: the value of its last expression (when the last snippet is an
 * expression, {@code hasValue} is true and {@code value} may be null), or the error that stopped it.
 * {@code definedNames} are the top-level names (variables, methods, types) the cell's snippets declared,
 * in source order; snippets before a failing one stay defined, as in JShell. {@code changes} is what the
 * evaluation did to the session according to JShell's events.
 */
public record CellOutcome(boolean hasValue, Object value, CellError error, List<String> definedNames,
                          SessionChanges changes) {
    public CellOutcome(boolean hasValue, Object value, CellError error, List<String> definedNames) {
        this(hasValue, value, error, definedNames, SessionChanges.NONE);
    }

    public boolean ok() {
        return error == null;
    }
}
