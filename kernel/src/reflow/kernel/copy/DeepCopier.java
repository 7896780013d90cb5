package reflow.kernel.copy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Gives a cell its own deep copy of a variable, so that nothing the cell does can change another cell's
 * data (strict mode). Copies are made in memory with Kryo, never serialized to bytes.
 *
 * <p>Every object in the graph is decided on its own: values marked with {@link CopyMarks#zeroCopy} are
 * shared, values marked with {@link CopyMarks#shallowCopy} are copied one level deep, immutable values
 * (strings, boxes, java.time, enums, records of immutables...) are shared because a copy could not differ,
 * uncopyable values (threads, streams, sockets, JDBC objects, executors, lambdas...) are shared with a
 * warning, and everything else is copied. Shared subgraphs and cycles are preserved within one copy, and
 * across the variables copied together ({@link #copyAll}): two variables holding one object get one copy.
 * Copying never fails: a value Kryo cannot copy is shared by reference, with a warning.
 *
 * <p>Kryo is not thread-safe and copies recursively, so all copies run one at a time on the copier's own
 * thread, whose large stack lets linked structures nest {@value #MAX_DEPTH} objects deep (deeper graphs
 * are shared with a warning). Calls may come from any thread; they are serialised.
 */
public final class DeepCopier implements AutoCloseable {
    /** Deepest nesting copied; each level takes well under 1 KiB of the copy thread's stack. */
    public static final int MAX_DEPTH = 200_000;
    // Reserved address space; the OS commits only the pages a deep copy actually touches.
    private static final long COPY_THREAD_STACK_BYTES = 512L << 20;

    private final NotebookKryo kryo;
    private final ExecutorService copyThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(null, task, "reflow-copier", COPY_THREAD_STACK_BYTES);
        thread.setDaemon(true);
        return thread;
    });
    // "variable|class" pairs already warned about: a warning repeated on every run is noise.
    private final Set<String> warnedKeys = new HashSet<>();
    private String variableName;
    private List<String> warnings;

    public DeepCopier(CopyMarks marks) {
        this(marks, MAX_DEPTH);
    }

    /** With a smaller depth bound, so tests need not build graphs {@value #MAX_DEPTH} deep. */
    DeepCopier(CopyMarks marks, int maxDepth) {
        kryo = new NotebookKryo(marks, maxDepth);
        kryo.setListener(this::warnShared);
    }

    /** The loader of the user's classes (JShell's snippet class loader). */
    public synchronized void setClassLoader(ClassLoader loader) {
        kryo.setClassLoader(loader);
    }

    /**
     * Copies {@code value}, the current value of the variable {@code variableName}. After this returns the
     * copier keeps no reference to the value or its copy.
     */
    public CopyResult copy(String variableName, Object value) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(variableName, value);
        return copyAll(one).get(variableName);
    }

    /**
     * Copies the current values of several variables (name to value, in the order warnings should come) as
     * one graph: variables that referred to one object still refer to one object, a copy. After this
     * returns the copier keeps no reference to the values or their copies.
     */
    public synchronized Map<String, CopyResult> copyAll(Map<String, Object> values) {
        Future<Map<String, CopyResult>> result = copyThread.submit(() -> copyOnThisThread(values));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true; // a copy is short and Kryo cannot stop half-way: finish it
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("copying " + values.keySet() + " failed unexpectedly", e.getCause());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Forgets which warnings were given for this variable, e.g. when the cell defining it changes. */
    public synchronized void forgetWarnings(String variableName) {
        warnedKeys.removeIf(key -> key.startsWith(variableName + "|"));
    }

    /** Stops the copy thread. */
    @Override public void close() {
        copyThread.shutdown();
    }

    private Map<String, CopyResult> copyOnThisThread(Map<String, Object> values) {
        Map<String, List<String>> warningsByName = new LinkedHashMap<>();
        values.keySet().forEach(name -> warningsByName.put(name, new ArrayList<>()));
        try {
            Map<String, Object> copies = kryo.copyAll(values, new NotebookKryo.VariableListener() {
                @Override public void copying(String name) {
                    variableName = name;
                    warnings = warningsByName.get(name);
                }

                @Override public void sharedWhole(String name, Object value, Throwable e) {
                    String why = e instanceof StackOverflowError ? "it nests too deeply" : NotebookKryo.reason(e);
                    warnOnce(value, "`" + name + "` holds a " + value.getClass().getName()
                            + " that could not be copied (" + why + "): the whole value is shared by reference."
                            + " Wrap it with zeroCopy(" + name + ") where it is defined to say this is intended.");
                }
            });
            Map<String, CopyResult> results = new LinkedHashMap<>();
            values.keySet().forEach(name -> results.put(name, new CopyResult(copies.get(name), warningsByName.get(name))));
            return results;
        } finally {
            kryo.reset(); // drops Kryo's original-to-copy map, which references the whole graph and its copy
            this.variableName = null;
            this.warnings = null;
        }
    }

    private void warnShared(Object value, String what, String why, boolean topLevel) {
        String advice = topLevel
                ? "Wrap it with zeroCopy(" + variableName + ") where it is defined to say this is intended."
                : "Wrap it with zeroCopy(...) where it is created to say this is intended.";
        String because = why == null ? "" : " (" + why + ")";
        warnOnce(value, "`" + variableName + "` holds " + what + ", which cannot be copied" + because
                + ": it is shared by reference. " + advice);
    }

    private void warnOnce(Object value, String warning) {
        if (warnedKeys.add(variableName + "|" + value.getClass().getName())) warnings.add(warning);
    }
}
