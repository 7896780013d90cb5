package reflow.kernel.spark;

import java.io.Serializable;
import java.util.function.Function;

/**
 * The driver-side check of a cell variable that a serializable lambda captures (see {@link ClosureCapture}):
 * a value that cannot be serialized would fail later, deep inside Spark, as "Task not serializable"; here
 * it fails when the lambda is made, naming the variable and the cell that defines it.
 */
public final class CapturedVariables {
    private CapturedVariables() {}

    /** Variable name -> the cell that defines it ("cell [3]"), or null; set by the kernel. */
    private static volatile Function<String, String> definingCell = name -> null;

    public static void describeCellsWith(Function<String, String> definer) {
        definingCell = definer;
    }

    /** Called by rewritten cell code: the value itself when it can travel to executors. */
    public static Object travel(Object value, String variable, String wrapperClass) {
        if (value == null || value instanceof Serializable) {
            return value;
        }
        throw new NotSerializableCellVariable(variable, definingCell.apply(variable), value.getClass());
    }
}
