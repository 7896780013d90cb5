package reflow.kernel.reactive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names a cell meant to define that the session does not hold: the declaration failed (its initializer
 * threw), or JShell reset the value when a type or method it depends on changed shape. As in marimo, such a
 * name is undefined rather than null, and a cell using it is told which cell to fix instead of failing
 * with a NullPointerException. Pure bookkeeping: the engine feeds it JShell's reports after every run.
 */
final class UndefinedNames {
    /**
     * Why {@code name} is undefined; {@code definer} is the id of the cell that would define it, which
     * {@code failed} (else a redefinition reset the value and the cell only has to run again).
     */
    record Entry(String name, String definer, String why, boolean failed) {}

    private final Map<String, Entry> byName = new LinkedHashMap<>();

    void add(String name, String definer, String why, boolean failed) {
        byName.put(name, new Entry(name, definer, why, failed));
    }

    /** Names some cell declared successfully: they exist again. */
    void defined(Collection<String> names) {
        names.forEach(byName::remove);
    }

    /** A cell was deleted or no longer defines these names: they are not "failed" any more, just gone. */
    void forget(String definer, Collection<String> names) {
        byName.values().removeIf(e -> e.definer().equals(definer) && names.contains(e.name()));
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** The undefined names among {@code references} that the cell does not define itself, in reference order. */
    List<Entry> usedBy(Collection<String> references, Set<String> ownDefinitions) {
        List<Entry> used = new ArrayList<>();
        for (String name : references) {
            Entry entry = byName.get(name);
            if (entry != null && !ownDefinitions.contains(name)) {
                used.add(entry);
            }
        }
        return used;
    }
}
