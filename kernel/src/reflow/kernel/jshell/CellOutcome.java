package reflow.kernel.jshell;

import java.util.List;

/**
 * The result of evaluating one cell: the value of its last expression (when the last snippet is an
 * expression, {@code hasValue} is true and {@code value} may be null), or the error that stopped it.
 * {@code definedNames} are the top-level names (variables, methods, types) the cell's snippets declared,
 * in source order; snippets before a failing one stay defined, as in JShell.
 */
public record CellOutcome(boolean hasValue, Object value, CellError error, List<String> definedNames) {
    public boolean ok() {
        return error == null;
    }
}
