package reflow.kernel.copy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Values that are handles on a distributed engine's state, not data: a Spark session, context, Dataset,
 * RDD, Column, broadcast, accumulator. A deep copy would clone a running engine (or fail trying); what a
 * cell wants is the same handle, and these are immutable descriptions (a Dataset is a query plan) or
 * shared on purpose. Strict mode shares them by reference without a warning. Matched by supertype name,
 * so the kernel needs no Spark classes.
 */
final class SharedHandles {
    private SharedHandles() {}

    private static final List<String> SUPERTYPES = List.of(
            "org.apache.spark.sql.SparkSession", "org.apache.spark.SparkContext",
            "org.apache.spark.api.java.JavaSparkContext", "org.apache.spark.sql.Dataset",
            "org.apache.spark.sql.Column", "org.apache.spark.rdd.RDD", "org.apache.spark.api.java.JavaRDDLike",
            "org.apache.spark.broadcast.Broadcast", "org.apache.spark.util.AccumulatorV2",
            "org.apache.spark.sql.DataFrameReader", "org.apache.spark.sql.DataFrameWriter",
            "org.apache.spark.sql.RelationalGroupedDataset", "org.apache.spark.sql.KeyValueGroupedDataset",
            "org.apache.spark.sql.streaming.StreamingQuery", "org.apache.spark.sql.catalog.Catalog",
            "org.apache.spark.sql.RuntimeConfig", "org.apache.spark.sql.types.DataType",
            "org.apache.spark.sql.Encoder",
            // which cell variables travel with a closure: immutable, and a copy would lose its resolved fields
            "reflow.kernel.spark.ShippedCellVariables");

    private static final ClassValue<Boolean> CACHE = new ClassValue<>() {
        @Override protected Boolean computeValue(Class<?> type) {
            return type.getName().startsWith("org.apache.spark.") || matches(type);
        }
    };

    static boolean isHandle(Class<?> type) {
        return CACHE.get(type);
    }

    private static boolean matches(Class<?> type) {
        Deque<Class<?>> pending = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            Class<?> c = pending.poll();
            if (!seen.add(c)) continue;
            if (SUPERTYPES.contains(c.getName())) return true;
            if (c.getSuperclass() != null) pending.add(c.getSuperclass());
            pending.addAll(List.of(c.getInterfaces()));
        }
        return false;
    }
}
