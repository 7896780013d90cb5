package reflow.kernel.analysis;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one cell binds and needs at the top level, as found by {@link CellAnalyzer}.
 *
 * @param defines        top-level variables, methods and types the cell declares, in source order
 * @param uses           free simple names the cell refers to (never its own definitions or imports)
 * @param assigns        top-level names the cell assigns without defining them; each is also in {@code uses}
 * @param imports        simple names bound by single imports, plus wildcard imports as written ({@code java.util.*})
 * @param definitionUses for each defined name, the free names its declaration refers to (other names of the
 *                       same cell included, so callers can follow a method into what it calls)
 * @param notes          human-readable warnings, e.g. code that could not be analysed
 * @param complete       false when part of the cell could not be analysed, so dependencies may be missing
 */
public record CellAnalysis(
        Set<String> defines,
        Set<String> uses,
        Set<String> assigns,
        Set<String> imports,
        Map<String, Set<String>> definitionUses,
        List<String> notes,
        boolean complete) {

    public CellAnalysis {
        defines = orderedCopy(defines);
        uses = orderedCopy(uses);
        assigns = orderedCopy(assigns);
        imports = orderedCopy(imports);
        Map<String, Set<String>> copied = new LinkedHashMap<>();
        definitionUses.forEach((name, names) -> copied.put(name, orderedCopy(names)));
        definitionUses = Collections.unmodifiableMap(copied);
        notes = List.copyOf(notes);
    }

    /** An analysis of a cell that binds and needs nothing (blank, comments or magics only). */
    public static CellAnalysis empty() {
        return new CellAnalysis(Set.of(), Set.of(), Set.of(), Set.of(), Map.of(), List.of(), true);
    }

    /** This analysis plus definitions it missed (JShell declared them): the graph follows what really exists. */
    public CellAnalysis withDefines(Collection<String> declared) {
        if (defines.containsAll(declared)) {
            return this;
        }
        Set<String> all = new LinkedHashSet<>(defines);
        all.addAll(declared);
        return new CellAnalysis(all, uses, assigns, imports, definitionUses, notes, complete);
    }

    // Set.copyOf would lose source order, which users see in messages; keep it, read-only.
    private static Set<String> orderedCopy(Set<String> names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }
}
