package reflow.kernel.copy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives a cell its own deep copy of a variable, so that nothing the cell does can change another cell's
 * data (strict mode). Copies are made in memory with Kryo, never serialized to bytes.
 *
 * <p>Every object in the graph is decided on its own: values marked with {@link CopyMarks#zeroCopy} are
 * shared, values marked with {@link CopyMarks#shallowCopy} are copied one level deep, immutable values
 * (strings, boxes, java.time, enums, records of immutables...) are shared because a copy could not differ,
 * uncopyable values (threads, streams, sockets, JDBC objects, executors, lambdas...) are shared with a
 * warning, and everything else is copied. Shared subgraphs and cycles are preserved within one copy.
 * Copying never fails: a value Kryo cannot copy is shared by reference, with a warning.
 *
 * <p>Single-threaded, like Kryo: the kernel copies on its shell worker thread. Deep graphs recurse deeply,
 * so that thread should have a large stack; a graph too deep even for it is shared with a warning.
 */
public final class DeepCopier {
    private final NotebookKryo kryo;
    // "variable|class" pairs already warned about: a warning repeated on every run is noise.
    private final Set<String> warnedKeys = new HashSet<>();
    private String variableName;
    private List<String> warnings;

    public DeepCopier(CopyMarks marks) {
        kryo = new NotebookKryo(marks);
        kryo.setListener(this::warnShared);
    }

    /** The loader of the user's classes (JShell's snippet class loader). */
    public void setClassLoader(ClassLoader loader) {
        kryo.setClassLoader(loader);
    }

    /**
     * Copies {@code value}, the current value of the variable {@code variableName}. After this returns the
     * copier keeps no reference to the value or its copy.
     */
    public CopyResult copy(String variableName, Object value) {
        this.variableName = variableName;
        this.warnings = new ArrayList<>();
        try {
            return new CopyResult(kryo.copy(value), warnings);
        } catch (RuntimeException | StackOverflowError e) {
            String why = e instanceof StackOverflowError ? "it is nested too deeply" : NotebookKryo.reason(e);
            warnOnce(value, "`" + variableName + "` holds a " + value.getClass().getName()
                    + " that could not be copied (" + why + "): the whole value is shared by reference."
                    + " Wrap it with zeroCopy(" + variableName + ") where it is defined to say this is intended.");
            return new CopyResult(value, warnings);
        } finally {
            kryo.reset(); // drops Kryo's original-to-copy map, which references the whole graph and its copy
            this.variableName = null;
            this.warnings = null;
        }
    }

    /** Forgets which warnings were given for this variable, e.g. when the cell defining it changes. */
    public void forgetWarnings(String variableName) {
        warnedKeys.removeIf(key -> key.startsWith(variableName + "|"));
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
