package reflow.kernel.analysis;

import java.util.HashSet;
import java.util.Set;

/** A lexical scope inside a cell: the names it binds, looked up outward through its parents. */
final class Scope {
    private final Scope parent;
    private final Set<String> names = new HashSet<>();

    private Scope(Scope parent) {
        this.parent = parent;
    }

    static Scope root() {
        return new Scope(null);
    }

    Scope child() {
        return new Scope(this);
    }

    void bind(String name) {
        names.add(name);
    }

    void bindAll(Set<String> more) {
        names.addAll(more);
    }

    boolean binds(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.names.contains(name)) return true;
        }
        return false;
    }
}
