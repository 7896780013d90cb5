package reflow.kernel.spark;

/**
 * A cell variable read inside a serializable lambda (a Spark closure) whose value cannot be serialized, so
 * it cannot travel to the executors with the lambda. Thrown where the lambda is made.
 */
public final class NotSerializableCellVariable extends RuntimeException {
    NotSerializableCellVariable(String variable, String cell, Class<?> type) {
        super("`" + variable + "`" + (cell == null ? "" : " (defined in " + cell + ")") + " is used inside a "
                + "serializable lambda, so its value travels with the lambda to the executors, but it holds a "
                + type.getName() + ", which is not Serializable. Use a Serializable value (or a copy of the "
                + "part the lambda needs) in a variable of its own, or create the object inside the lambda.");
    }
}
