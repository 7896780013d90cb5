package reflow.kernel.spark;

/**
 * What the code that {@code %spark} adds to its cell calls: {@code SparkSession spark = (SparkSession)
 * reflow.kernel.spark.Spark.session();}. Public because cell code calls it; not meant for users.
 */
public final class Spark {
    private Spark() {}

    /** The session the last %spark line asked for: the running one when it matches, else a new one. */
    public static Object session() {
        SparkGlue glue = SparkGlue.installed();
        if (glue == null) {
            throw new IllegalStateException("Spark support is not installed in this kernel");
        }
        return glue.session();
    }
}
