package reflow.kernel.strict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reflow.kernel.copy.DeepCopier;
import reflow.kernel.jshell.CellError;
import reflow.kernel.jshell.CellIO;
import reflow.kernel.jshell.CellOutcome;
import reflow.kernel.jshell.Definition;
import reflow.kernel.jshell.JShellBridge;
import reflow.kernel.reactive.CellRun;
import reflow.kernel.reactive.CellRunner;

/**
 * Strict mode: before a cell runs, every top-level variable of another cell that it reaches is replaced by
 * a deep copy; after it ends, the originals are put back. Whatever the cell did to those values is gone,
 * so a variable's value is always what its defining cell left. Before running, the cell must only use
 * names that a live cell defines and must not assign another cell's variables.
 *
 * <p>Memory: only the running cell's inputs are copied, and the copies become garbage when it ends
 * (peak = originals + copies of what this cell uses; idle = originals only).
 */
public final class StrictRunner implements CellRunner {
    private final JShellBridge bridge;
    private final DeepCopier copier;

    public StrictRunner(JShellBridge bridge, DeepCopier copier) {
        this.bridge = bridge;
        this.copier = copier;
    }

    @Override
    public CellOutcome run(CellRun run, CellIO io) {
        CellError refused = check(run);
        if (refused != null) {
            return new CellOutcome(false, null, refused, List.of());
        }
        Map<String, Object> originals = copyIn(run, io);
        try {
            return bridge.evaluate(run.code(), io);
        } finally {
            restore(originals, run.analysis().defines());
        }
    }

    /** Strict mode's rules, checked before anything runs. */
    static CellError check(CellRun run) {
        List<String> problems = new ArrayList<>();
        run.missing().forEach((name, formerDefiner) -> problems.add("`" + name + "` is not defined by any live cell: "
                + "it was defined by " + formerDefiner + ", which was deleted or no longer defines it. "
                + "Define `" + name + "` again in a cell, or stop using it here."));
        for (String name : run.analysis().assigns()) {
            String owner = run.definedElsewhere().get(name);
            if (owner != null && !run.analysis().defines().contains(name)) {
                problems.add("this cell assigns `" + name + "`, which belongs to " + owner + ". In strict mode a "
                        + "cell only changes its own variables (the change would be made on a copy and lost). "
                        + "Move the assignment into " + owner + ", or define a new variable here, e.g. `var "
                        + name + "2 = ...;`.");
            }
        }
        if (problems.isEmpty()) {
            return null;
        }
        String message = String.join("\n", problems);
        List<String> traceback = new ArrayList<>();
        traceback.add("StrictModeError: the cell did not run.");
        problems.forEach(p -> traceback.add("  " + p));
        return new CellError(CellError.Kind.COMPILE, "StrictModeError", message, traceback);
    }

    /** Copies every input in one graph, so inputs that alias each other (`var c = a;`) still do. */
    private Map<String, Object> copyIn(CellRun run, CellIO io) {
        Map<String, Object> originals = new LinkedHashMap<>();
        if (run.definedElsewhere().isEmpty()) {
            return originals;
        }
        Set<String> variables = Set.copyOf(bridge.variableNames());
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (String name : run.definedElsewhere().keySet()) {
            if (variables.contains(name) && !run.analysis().defines().contains(name)) {
                inputs.put(name, bridge.valueOf(name));
            }
        }
        if (inputs.isEmpty()) {
            return originals;
        }
        copier.copyAll(inputs).forEach((name, result) -> {
            result.warnings().forEach(w -> io.write("stderr", "warning: " + w + "\n"));
            Object original = inputs.get(name);
            if (result.copy() != original) {
                originals.put(name, original);
                bridge.setValue(name, result.copy());
            }
        });
        return originals;
    }

    private void restore(Map<String, Object> originals, Set<String> ownDefinitions) {
        originals.forEach((name, original) -> {
            if (!ownDefinitions.contains(name)) {
                bridge.setValue(name, original);
            }
        });
    }

    @Override
    public boolean needsReferences() {
        return true;
    }

    @Override
    public void drop(Definition definition) {
        bridge.drop(definition);
        copier.forgetWarnings(definition.name());
    }
}
