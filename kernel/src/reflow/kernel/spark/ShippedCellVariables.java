package reflow.kernel.spark;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The cell variables that code shipped to Spark executors reads indirectly (through cell methods, cell
 * classes, anonymous classes; see {@link ReachableCellVariables}), travelling with that code. A rewritten
 * serializable lambda captures one of these, and an instance of a rewritten serializable cell class holds
 * one in a field, so it is serialized with the closure.
 *
 * <p>Serialized on the driver, it writes the variables' values as they are at that moment (Spark serializes
 * a job's closures when the job is submitted: each job gets the current values). Deserialized in another
 * JVM, it sets those static fields there, before the function it came with can run. Deserialized in the
 * driver's own JVM (local mode), it changes nothing: the code reads the live variables themselves.
 *
 * <p>Executors load this class from the cell-class folder ({@link ExecutorClassDirectory}), since they do
 * not have the kernel's jar, so it uses nothing but {@code java.*}.
 */
public final class ShippedCellVariables implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Names this JVM, so a value deserialized where it was serialized is not set again. */
    private static final String JVM_PROPERTY = "reflow.shipped-cell-variables.jvm";

    /** True in the kernel's JVM: only there are the values worth shipping. */
    private static volatile boolean driver;
    /** Variable name -> the cell that defines it ("cell [3]"), or null; set by the kernel. */
    private static volatile Function<String, String> definingCell = name -> null;

    private transient Class<?>[] owners;
    private transient String[] names;
    /** What reads each variable, for error messages ({@code scale(int)}). */
    private transient String[] readers;
    /** Deserialized: the values as they arrived, their classes' names and the JVM they were read in. */
    private transient Object[] carried;
    private transient String[] carriedOwners;
    private transient String origin;

    private ShippedCellVariables(Class<?>[] owners, String[] names, String[] readers) {
        this.owners = owners;
        this.names = names;
        this.readers = readers;
    }

    /** Called by the kernel when it starts: this JVM is the driver. */
    static void inDriver(Function<String, String> definer) {
        definingCell = definer;
        driver = true;
    }

    /** Executors' copies, by spec: there, one class loader has every cell class. */
    private static final Map<String, ShippedCellVariables> ON_EXECUTOR = new ConcurrentHashMap<>();

    /** Called by the executors' copy of rewritten cell code (the driver's calls {@link CapturedVariables}). */
    public static ShippedCellVariables capture(String spec, Class<?> site) {
        ShippedCellVariables known = ON_EXECUTOR.get(spec);
        if (known == null) {
            known = resolve(spec, site);
            ON_EXECUTOR.put(spec, known);
        }
        return known;
    }

    /**
     * The variables {@code spec} lists (lines of {@code owner TAB field TAB reader}), resolved with the
     * class loader of {@code site}, the cell class whose code ships them.
     */
    static ShippedCellVariables resolve(String spec, Class<?> site) {
        String[] lines = spec.split("\n");
        Class<?>[] owners = new Class<?>[lines.length];
        String[] names = new String[lines.length];
        String[] readers = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            String[] parts = lines[i].split("\t", 3);
            names[i] = parts[1];
            readers[i] = parts.length > 2 ? parts[2] : "";
            try {
                owners[i] = Class.forName(parts[0], false, site.getClassLoader());
            } catch (ClassNotFoundException | LinkageError gone) {
                owners[i] = null; // a dropped snippet: nothing to ship
            }
        }
        return new ShippedCellVariables(owners, names, readers);
    }

    public int size() {
        return names.length;
    }

    public String variable(int i) {
        return names[i];
    }

    public String reader(int i) {
        return readers[i];
    }

    /** The variable's value now, in this JVM (null when its snippet is gone). */
    public Object currentValue(int i) {
        Field f = field(owners[i], names[i]);
        try {
            return f == null ? null : f.get(null);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** Whether the value can travel, else what to tell the user. */
    public static String cannotTravel(String variable, String reader, Object value) {
        if (value == null || value instanceof Serializable) {
            return null;
        }
        String cell = definingCell.apply(variable);
        return "`" + variable + "`" + (cell == null ? "" : " (defined in " + cell + ")") + " is read by " + reader
                + ", which code shipped to Spark executors runs, so its value travels to the executors with that "
                + "code, but it holds a " + value.getClass().getName() + ", which is not Serializable. Use a "
                + "Serializable value (or a copy of the part the code needs) in a variable of its own, or create "
                + "the object where it is used.";
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        if (driver && owners != null) {
            List<String> ownerNames = new ArrayList<>();
            List<String> shippedNames = new ArrayList<>();
            List<String> shippedReaders = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                if (field(owners[i], names[i]) == null) {
                    continue;
                }
                Object value = currentValue(i);
                String problem = cannotTravel(names[i], readers[i], value);
                if (problem != null) {
                    throw new NotSerializableException(problem);
                }
                ownerNames.add(owners[i].getName());
                shippedNames.add(names[i]);
                shippedReaders.add(readers[i]);
                values.add(value);
            }
            write(out, thisJvm(), ownerNames.toArray(String[]::new), shippedNames.toArray(String[]::new),
                    shippedReaders.toArray(String[]::new), values.toArray());
        } else if (carried != null) {
            // Arrived from the driver and sent on (a Spark Connect server's planner to its executors): the
            // values go on as they came, still marked as the driver's.
            write(out, origin, carriedOwners, names, readers, carried);
        } else {
            write(out, thisJvm(), new String[0], new String[0], new String[0], new Object[0]);
        }
    }

    private static void write(ObjectOutputStream out, String origin, String[] owners, String[] names,
                              String[] readers, Object[] values) throws IOException {
        out.writeUTF(origin);
        out.writeInt(names.length);
        for (int i = 0; i < names.length; i++) {
            out.writeUTF(owners[i]);
            out.writeUTF(names[i]);
            out.writeUTF(readers[i]);
            out.writeObject(values[i]);
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        origin = in.readUTF();
        boolean sameJvm = origin.equals(thisJvm());
        int count = in.readInt();
        owners = new Class<?>[count];
        carriedOwners = new String[count];
        names = new String[count];
        readers = new String[count];
        carried = new Object[count];
        for (int i = 0; i < count; i++) {
            carriedOwners[i] = in.readUTF();
            owners[i] = sameJvm ? null : cellClass(carriedOwners[i]); // here, the code reads the live variables
            names[i] = in.readUTF();
            readers[i] = in.readUTF();
            carried[i] = in.readObject();
            Field f = field(owners[i], names[i]);
            if (!sameJvm && f != null) {
                try {
                    f.set(null, carried[i]);
                } catch (IllegalAccessException | IllegalArgumentException e) {
                    throw new IOException("cannot set cell variable " + names[i] + " on this executor: " + e, e);
                }
            }
        }
    }

    /**
     * A cell class on this side: the task's class loader (Spark sets the thread's to the one that fetches
     * cell classes from the driver) or this class's own (which on an executor came from there too).
     */
    private static Class<?> cellClass(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, ShippedCellVariables.class.getClassLoader()}) {
            try {
                if (loader != null) {
                    return Class.forName(name, false, loader);
                }
            } catch (ClassNotFoundException | LinkageError notThere) {
                // the next one
            }
        }
        return null; // a snippet this side does not have: nothing of it can run here
    }

    private static Field field(Class<?> owner, String name) {
        if (owner == null) {
            return null;
        }
        try {
            Field f = owner.getDeclaredField(name);
            if (!Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) {
                return null;
            }
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }

    private static String thisJvm() {
        synchronized (System.getProperties()) {
            String id = System.getProperty(JVM_PROPERTY);
            if (id == null) {
                id = UUID.randomUUID().toString();
                System.setProperty(JVM_PROPERTY, id);
            }
            return id;
        }
    }
}
