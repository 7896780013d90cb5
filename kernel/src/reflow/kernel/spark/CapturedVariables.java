package reflow.kernel.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The driver side of the cell variables that code shipped to executors reads (see {@link ClosureCapture}):
 * a value that cannot be serialized would fail later, deep inside Spark, as "Task not serializable"; here
 * it fails when the lambda or object is made, naming the variable and the cell that defines it.
 */
public final class CapturedVariables {
    private CapturedVariables() {}

    /** Variable name -> the cell that defines it ("cell [3]"), or null; set by the kernel. */
    private static volatile Function<String, String> definingCell = name -> null;

    /** One {@link ShippedCellVariables} per cell class and list of variables: resolved once, shared by all. */
    private static final ClassValue<Map<String, ShippedCellVariables>> SHIPPED = new ClassValue<>() {
        @Override
        protected Map<String, ShippedCellVariables> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** Called by the kernel: names cells in messages, and makes this JVM the one whose values travel. */
    public static void describeCellsWith(Function<String, String> definer) {
        definingCell = definer;
        ShippedCellVariables.inDriver(definer);
    }

    /** Called by rewritten cell code: the value itself when it can travel to executors. */
    public static Object travel(Object value, String variable, String wrapperClass) {
        if (value == null || value instanceof Serializable) {
            return value;
        }
        throw new NotSerializableCellVariable(variable, definingCell.apply(variable), value.getClass());
    }

    /**
     * Called by rewritten cell code where a shipped lambda or object is made: the variables its code reads
     * indirectly, checked now so a value that cannot travel fails here rather than when a job is submitted.
     */
    public static Object reached(String spec, Class<?> site) {
        ShippedCellVariables shipped = shipped(spec, site);
        for (int i = 0; i < shipped.size(); i++) {
            String problem = ShippedCellVariables.cannotTravel(shipped.variable(i), shipped.reader(i), shipped.currentValue(i));
            if (problem != null) {
                throw new NotSerializableCellVariable(problem);
            }
        }
        return shipped;
    }

    /**
     * Called by the constructors of rewritten cell classes: no check here, since an object is not always
     * shipped; a value that cannot travel fails when the object is serialized, with the same message.
     */
    public static ShippedCellVariables shipped(String spec, Class<?> site) {
        return SHIPPED.get(site).computeIfAbsent(spec, s -> ShippedCellVariables.resolve(s, site));
    }
}
