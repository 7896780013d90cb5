package reflow.kernel.copy;

import com.esotericsoftware.kryo.Kryo;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Copies the JDK's hidden collection classes: {@code Collections.unmodifiable*} and {@code synchronized*}
 * wrappers, {@code subList} views, {@code keySet()/values()/entrySet()} views and their entries.
 *
 * <p>Kryo's generic collection serializer would instantiate these empty and call {@code add}, which fails,
 * and their private fields are closed to reflection since Java 17. Instead the contents are copied into a
 * standard collection of the same interface, re-wrapped when the original was an unmodifiable or
 * synchronized wrapper. A view's copy is detached: it no longer writes through to a backing collection.
 */
final class JdkViewSerializer extends CopyOnlySerializer<Object> {

    /** Whether this serializer should handle a class Kryo would otherwise copy generically. */
    static boolean handles(Class<?> type) {
        return type.getName().startsWith("java.")
                && !java.lang.reflect.Modifier.isPublic(type.getModifiers())
                && (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                    || Map.Entry.class.isAssignableFrom(type));
    }

    @Override public Object copy(Kryo kryo, Object original) {
        if (original instanceof Map.Entry<?, ?> entry)
            return new AbstractMap.SimpleEntry<>(kryo.copy(entry.getKey()), kryo.copy(entry.getValue()));
        if (original instanceof Map<?, ?> map) return copyMap(kryo, map);
        return copyCollection(kryo, (Collection<?>) original);
    }

    private static Map<?, ?> copyMap(Kryo kryo, Map<?, ?> original) {
        Map<Object, Object> target = original instanceof SortedMap<?, ?> sorted
                ? new TreeMap<>(comparatorOf(sorted)) : new LinkedHashMap<>();
        Map<?, ?> result = wrapLike(original, target);
        kryo.reference(result); // before the contents, so a cycle back to this map closes on the copy
        for (Map.Entry<?, ?> e : original.entrySet()) target.put(kryo.copy(e.getKey()), kryo.copy(e.getValue()));
        return result;
    }

    private static Collection<?> copyCollection(Kryo kryo, Collection<?> original) {
        Collection<Object> target;
        if (original instanceof List<?>) target = new ArrayList<>(original.size());
        else if (original instanceof SortedSet<?> sorted) target = new TreeSet<>(comparatorOf(sorted));
        else if (original instanceof Set<?>) target = new LinkedHashSet<>();
        else if (original instanceof Queue<?>) target = new LinkedList<>();
        else target = new ArrayList<>(original.size());
        Collection<?> result = wrapLike(original, target);
        kryo.reference(result);
        for (Object element : original) target.add(kryo.copy(element));
        return result;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static java.util.Comparator<Object> comparatorOf(Object sorted) {
        // Comparators are behaviour (often lambdas): shared, not copied.
        return sorted instanceof SortedSet s ? s.comparator() : ((SortedMap) sorted).comparator();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<?, ?> wrapLike(Map<?, ?> original, Map target) {
        String name = original.getClass().getName();
        boolean unmodifiable = name.contains("$Unmodifiable"), synchronizedWrapper = name.contains("$Synchronized");
        if (!unmodifiable && !synchronizedWrapper) return target;
        if (target instanceof NavigableMap n && original instanceof NavigableMap)
            return unmodifiable ? Collections.unmodifiableNavigableMap(n) : Collections.synchronizedNavigableMap(n);
        if (target instanceof SortedMap s)
            return unmodifiable ? Collections.unmodifiableSortedMap(s) : Collections.synchronizedSortedMap(s);
        return unmodifiable ? Collections.unmodifiableMap(target) : Collections.synchronizedMap(target);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Collection<?> wrapLike(Collection<?> original, Collection target) {
        String name = original.getClass().getName();
        boolean unmodifiable = name.contains("$Unmodifiable"), synchronizedWrapper = name.contains("$Synchronized");
        if (!unmodifiable && !synchronizedWrapper) return target;
        if (target instanceof List l)
            return unmodifiable ? Collections.unmodifiableList(l) : Collections.synchronizedList(l);
        if (target instanceof NavigableSet n && original instanceof NavigableSet)
            return unmodifiable ? Collections.unmodifiableNavigableSet(n) : Collections.synchronizedNavigableSet(n);
        if (target instanceof SortedSet s)
            return unmodifiable ? Collections.unmodifiableSortedSet(s) : Collections.synchronizedSortedSet(s);
        if (target instanceof Set s)
            return unmodifiable ? Collections.unmodifiableSet(s) : Collections.synchronizedSet(s);
        return unmodifiable ? Collections.unmodifiableCollection(target) : Collections.synchronizedCollection(target);
    }
}
