package reflow.it;

import static org.junit.jupiter.api.Assertions.*;
import static reflow.it.SparkKernel.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reflow.protocol.Channel;
import reflow.testing.KernelClient;

/**
 * A real standalone cluster (master, worker and the worker's executor JVMs, all separate processes on
 * 127.0.0.1) runs lambdas written in cells: they use a record and a method declared in cells (fetched by
 * the executors from the driver's class server) and read other cells' variables (which travel with the
 * lambda), directly or through a cell method, an anonymous class, a record's method or a method reference; after the variable
 * changes, the next jobs compute with the new value. The results are computed in the executor JVMs: the test checks their process ids against the
 * worker's children. Shutting the kernel down ends the Spark application cleanly (the master hears it
 * unregister). Every process the test started is stopped, also on failure.
 */
class SparkClusterIT {
    @TempDir Path dir;

    @Test
    void executorsRunCellLambdasWithCellClassesAndTheValuesOfCellVariables() throws Exception {
        List<Path> jars = SparkJars.resolve();
        try (SparkStandalone cluster = SparkStandalone.start(jars, dir, 2); SparkKernel kernel = new SparkKernel()) {
            try {
                kernel.ok("record Word(String text, int weight) implements java.io.Serializable {}");
                kernel.ok("static String shout(String s) { return s.toUpperCase() + \"!\"; }");
                KernelClient.Execution started = kernel.ok("%spark --master " + cluster.masterUrl()
                        + " --conf spark.ui.enabled=false --conf spark.executor.memory=512m --conf spark.cores.max=2");
                assertTrue(String.join("\n", displays(started)).contains("master " + cluster.masterUrl()),
                        displays(started)::toString);
                kernel.ok("int factor = 3;");

                assertEquals("[3, 6, 9, 12, 15]", result(kernel.ok(
                        "spark.range(1, 6).map((MapFunction<Long, Long>) x -> x * factor, Encoders.LONG()).collectAsList()")));
                assertEquals("[A!3, BB!6]", result(kernel.ok("""
                        spark.createDataset(List.of("a", "bb"), Encoders.STRING())
                             .map((MapFunction<String, String>) s -> { Word w = new Word(s, s.length() * factor); return shout(w.text()) + w.weight(); },
                                  Encoders.STRING())
                             .collectAsList().toString()""")));

                String pids = result(kernel.ok("""
                        spark.range(0, 4, 1, 2).map((MapFunction<Long, Long>) x -> ProcessHandle.current().pid(), Encoders.LONG())
                             .distinct().collectAsList().toString()"""));
                Set<Long> ranOn = Arrays.stream(pids.replaceAll("[\\[\\] ]", "").split(",")).map(Long::valueOf)
                        .collect(Collectors.toSet());
                Set<Long> executors = cluster.executors().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
                assertFalse(ranOn.contains(kernel.process.kernelHandle().pid()), "ran in the kernel: " + pids);
                assertTrue(executors.containsAll(ranOn), "ran on " + ranOn + ", the worker's executors are " + executors);

                kernel.ok("factor = 10;"); // the new value travels with the next lambda made
                assertEquals("[10, 20]", result(kernel.ok(
                        "spark.range(1, 3).map((MapFunction<Long, Long>) x -> x * factor, Encoders.LONG()).collectAsList()")));

                // Cell variables read indirectly: by a cell method, an anonymous class, a cell record's method.
                kernel.ok("int scaleBy(int x) { return x * factor; }");
                kernel.ok("record Rate(int r) implements java.io.Serializable { int apply(int x) { return x * r + factor; } }");
                kernel.ok("Rate rate = new Rate(2);");
                kernel.ok("Dataset<Integer> numbers = spark.createDataset(List.of(1, 2, 3), Encoders.INT());");
                String viaMethod = "numbers.map((MapFunction<Integer, Integer>) x -> scaleBy(x), Encoders.INT()).collectAsList()";
                String viaAnonymous = """
                        numbers.map(new MapFunction<Integer, Integer>() { public Integer call(Integer x) { return x * factor + 1; } },
                                    Encoders.INT()).collectAsList()""";
                String viaRecord = "numbers.map((MapFunction<Integer, Integer>) x -> rate.apply(x), Encoders.INT()).collectAsList()";
                String viaReference = "numbers.map((MapFunction<Integer, Integer>) rate::apply, Encoders.INT()).collectAsList()";
                assertEquals("[10, 20, 30]", result(kernel.ok(viaMethod)));
                assertEquals("[11, 21, 31]", result(kernel.ok(viaAnonymous)));
                assertEquals("[12, 14, 16]", result(kernel.ok(viaRecord)));
                assertEquals("[12, 14, 16]", result(kernel.ok(viaReference)));
                kernel.ok("Dataset<Integer> scaled = numbers.map((MapFunction<Integer, Integer>) x -> scaleBy(x), Encoders.INT());");
                kernel.ok("factor = 5;");
                assertEquals("[5, 10, 15]", result(kernel.ok(viaMethod)));
                assertEquals("[6, 11, 16]", result(kernel.ok(viaAnonymous)));
                assertEquals("[7, 9, 11]", result(kernel.ok(viaRecord)));
                assertEquals("[7, 9, 11]", result(kernel.ok(viaReference)));
                assertEquals("[5, 10, 15]", result(kernel.ok("scaled.collectAsList()")),
                        "a Dataset made earlier: the values of when its job is submitted");

                kernel.ok("Object lock = new Object();");
                kernel.ok("int useLock(long x) { return lock.hashCode(); }");
                String indirect = kernel.run(
                        "spark.range(1, 3).map((MapFunction<Long, Integer>) x -> useLock(x), Encoders.INT()).collectAsList()")
                        .ofType("error").get(0).field("evalue").asText();
                assertTrue(indirect.startsWith("`lock` (defined in ") && indirect.contains("is read by useLock(long)")
                        && indirect.contains("java.lang.Object, which is not Serializable"), indirect);
                KernelClient.Execution stuck = kernel.run(
                        "spark.range(1, 3).map((MapFunction<Long, Integer>) x -> lock.hashCode(), Encoders.INT()).collectAsList()");
                String message = stuck.ofType("error").get(0).field("evalue").asText();
                assertTrue(message.startsWith("`lock` (defined in ") && message.contains("java.lang.Object, which is not Serializable"),
                        message);

                String app = "app-" + displays(started).stream().filter(d -> d.contains("application app-")).findFirst()
                        .orElseThrow().replaceAll(".*application app-([0-9-]+).*", "$1");
                kernel.client.awaitReply(Channel.CONTROL,
                        kernel.client.send(Channel.CONTROL, "shutdown_request", Map.of("restart", false)));
                assertNotNull(kernel.process.awaitExit(Duration.ofSeconds(30)), "the kernel did not exit");
                awaitInLog(cluster.masterLog, "Received unregister request from application " + app);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n--- kernel ---\n" + kernel.process.stderr() + "\n"
                        + cluster.logs(), e);
            }
        }
    }

    /** The master writes this when the application stops (SparkContext.stop), not when it just vanishes. */
    private static void awaitInLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.readString(log).contains(text)) {
            assertTrue(System.nanoTime() < deadline, "the master never logged `" + text + "`");
            Thread.onSpinWait();
            Thread.sleep(100); // a log file has nothing to wait on
        }
    }
}
