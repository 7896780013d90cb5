package reflow.kernel.copy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Deep-copies a record through its canonical constructor. Kryo's own RecordSerializer treats every record
 * as immutable and returns the original from copy(), which would let {@code record Bag(List<String> items)}
 * leak mutations between cells. (Records whose components are all immutable never get here: they are
 * shared.) Record fields cannot be set reflectively, so the constructor is the only way in.
 */
final class RecordCopySerializer extends CopyOnlySerializer<Record> {
    private final Method[] accessors;
    private final Constructor<?> canonical;
    // A record's copy exists only after its components are copied, so a cycle back to it cannot be closed.
    private final Set<Object> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    RecordCopySerializer(Class<?> recordClass) {
        RecordComponent[] components = recordClass.getRecordComponents();
        accessors = new Method[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
            types[i] = components[i].getType();
        }
        try {
            canonical = recordClass.getDeclaredConstructor(types);
            canonical.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new KryoException("record " + recordClass.getName() + " has no canonical constructor", e);
        }
    }

    @Override public Record copy(Kryo kryo, Record original) {
        if (!inProgress.add(original))
            throw new CycleThroughRecord(original.getClass());
        try {
            Object[] values = new Object[accessors.length];
            for (int i = 0; i < accessors.length; i++) values[i] = kryo.copy(accessors[i].invoke(original));
            return (Record) canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new KryoException("copying record " + original.getClass().getName() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new KryoException("copying record " + original.getClass().getName() + ": " + e, e);
        } finally {
            inProgress.remove(original);
        }
    }

    /** The graph's shape, not the record's class, is the problem: other instances can still be copied. */
    static final class CycleThroughRecord extends KryoException {
        CycleThroughRecord(Class<?> recordClass) {
            super("record " + recordClass.getName() + " is part of a reference cycle");
        }
    }
}
