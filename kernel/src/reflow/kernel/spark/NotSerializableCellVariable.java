package reflow.kernel.spark;

/**
 * A cell variable that code shipped to executors reads (a Spark closure, or a cell method or class it runs)
 * whose value cannot be serialized, so it cannot travel to the executors. Thrown where the lambda or object
 * is made.
 */
public final class NotSerializableCellVariable extends RuntimeException {
    NotSerializableCellVariable(String variable, String cell, Class<?> type) {
        super("`" + variable + "`" + (cell == null ? "" : " (defined in " + cell + ")") + " is used inside a "
                + "serializable lambda, so its value travels with the lambda to the executors, but it holds a "
                + type.getName() + ", which is not Serializable. Use a Serializable value (or a copy of the "
                + "part the lambda needs) in a variable of its own, or create the object inside the lambda.");
    }

    NotSerializableCellVariable(String message) {
        super(message);
    }
}
