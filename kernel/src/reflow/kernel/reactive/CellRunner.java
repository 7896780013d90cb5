package reflow.kernel.reactive;

import reflow.kernel.jshell.CellIO;
import reflow.kernel.jshell.CellOutcome;
import reflow.kernel.jshell.Definition;

/**
 * How the reactive engine runs code: the JShell bridge as is in relaxed mode, wrapped in copy-in /
 * restore in strict mode. The engine never sees JShell itself.
 */
public interface CellRunner {
    CellOutcome run(CellRun run, CellIO io);

    /**
     * Whether {@link CellRun#references()}, {@code definedElsewhere} and {@code missing} are needed. Relaxed
     * mode runs code as it is and says no, which spares a graph query per execute.
     */
    default boolean needsReferences() {
        return false;
    }

    /** Removes one top-level definition (a variable, one method overload, a type) from the session. */
    void drop(Definition definition);
}
