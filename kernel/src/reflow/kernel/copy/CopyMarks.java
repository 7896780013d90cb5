package reflow.kernel.copy;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers which values the user marked with {@code zeroCopy(..)} or {@code shallowCopy(..)}.
 *
 * <p>The notebook functions must return the very object they were given (so {@code List.of(zeroCopy(a), b)}
 * still type-checks and holds {@code a}), hence marks are keyed by object identity, never by equals.
 * Keys are weak: a mark never keeps a value alive after the cells stop using it. Thread-safe.
 */
public final class CopyMarks {

    /** How the copier treats a value. */
    public enum Mark {
        /** Not marked: the copier decides (deep copy unless immutable or uncopyable). */
        NONE,
        /** Shared by reference, wherever it appears. */
        ZERO_COPY,
        /** The container itself is copied; its elements or fields are shared. */
        SHALLOW_COPY
    }

    private final Map<IdentityKey, Mark> marks = new HashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    // Read without the lock on the copier's hot path: most notebooks mark nothing.
    private volatile int size;

    /** Marks {@code value} to be shared by reference; returns it unchanged. */
    public <T> T zeroCopy(T value) {
        put(value, Mark.ZERO_COPY);
        return value;
    }

    /** Marks {@code value} to be copied one level deep; returns it unchanged. */
    public <T> T shallowCopy(T value) {
        put(value, Mark.SHALLOW_COPY);
        return value;
    }

    /** The mark set on this exact object (identity), or {@link Mark#NONE}. */
    public Mark mark(Object value) {
        if (value == null || size == 0) return Mark.NONE;
        synchronized (marks) {
            Mark mark = marks.get(new LookupKey(value));
            return mark == null ? Mark.NONE : mark;
        }
    }

    /** True when nothing is marked (lets the copier skip lookups). */
    public boolean isEmpty() {
        return size == 0;
    }

    private void put(Object value, Mark mark) {
        if (value == null) return;
        synchronized (marks) {
            expungeCollected();
            marks.put(new WeakKey(value, collected), mark);
            size = marks.size();
        }
    }

    private void expungeCollected() {
        for (Object stale; (stale = collected.poll()) != null; ) marks.remove(stale);
    }

    /** Identity semantics shared by the stored weak key and the short-lived lookup key. */
    private interface IdentityKey {
        Object referent();
    }

    private static boolean sameReferent(IdentityKey self, Object other) {
        if (self == other) return true;
        if (!(other instanceof IdentityKey key)) return false;
        Object mine = self.referent();
        return mine != null && mine == key.referent();
    }

    private static final class WeakKey extends WeakReference<Object> implements IdentityKey {
        private final int hash;

        WeakKey(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override public Object referent() { return get(); }
        @Override public int hashCode() { return hash; }
        @Override public boolean equals(Object other) { return sameReferent(this, other); }
    }

    private record LookupKey(Object value) implements IdentityKey {
        @Override public Object referent() { return value; }
        @Override public int hashCode() { return System.identityHashCode(value); }
        @Override public boolean equals(Object other) { return sameReferent(this, other); }
    }
}
