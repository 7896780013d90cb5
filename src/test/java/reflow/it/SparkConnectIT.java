package reflow.it;

import static org.junit.jupiter.api.Assertions.*;
import static reflow.it.SparkKernel.*;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reflow.protocol.Channel;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;

/**
 * Spark Connect from notebook cells against a real Spark Connect server (its own JVM on 127.0.0.1, from
 * the resolved jars): %spark --remote adds the Connect client, cells' lambdas read other cells' variables
 * and use a record and a method declared in cells (uploaded to the server as class artifacts), and the
 * results are computed in the server's JVM. A Dataset shows as a table; a long operation shows the
 * server's progress reports as the cell's progress line; an interrupt cancels the cell's
 * operation on the server and the session stays usable; --stop releases the session. A server that is
 * not there is named in the error. Every process the test started is stopped, also on failure.
 */
class SparkConnectIT {
    @TempDir Path dir;

    @Test
    void cellLambdasAndClassesRunOnASparkConnectServer() throws Exception {
        try (SparkConnectServer server = SparkConnectServer.start(dir); SparkKernel kernel = new SparkKernel()) {
            try {
                // Declared before Spark is on the class path: uploaded when the session starts.
                kernel.ok("record Word(String text, int weight) implements java.io.Serializable {}");

                int nobody = SparkConnectServer.freePort();
                KernelClient.Execution refused = kernel.run("%spark --remote sc://127.0.0.1:" + nobody);
                assertEquals("error", refused.status(), refused.iopub()::toString);
                String why = refused.ofType("error").get(0).field("evalue").asText();
                assertTrue(why.contains("no Spark Connect server answers at sc://127.0.0.1:" + nobody)
                        && why.contains("%spark --remote sc://host:port"), why);

                KernelClient.Execution started = kernel.ok("%spark --remote " + server.url());
                String shown = String.join("\n", displays(started));
                assertTrue(shown.contains("Spark Connect session started, server " + server.url()), shown);
                assertFalse(streams(started).contains("INFO"), "the client's INFO log in the cell:\n" + streams(started));

                kernel.ok("static String shout(String s) { return s.toUpperCase() + \"!\"; }");
                kernel.ok("int factor = 3;");
                assertEquals("[3, 6, 9, 12, 15]", result(kernel.ok(
                        "spark.range(1, 6).map((MapFunction<Long, Long>) x -> x * factor, Encoders.LONG()).collectAsList()")));
                assertEquals("[BB!6, CCC!9]", result(kernel.ok("""
                        spark.createDataset(List.of("a", "bb", "ccc"), Encoders.STRING())
                             .filter((FilterFunction<String>) s -> s.length() * factor > 3)
                             .map((MapFunction<String, Word>) s -> new Word(s, s.length() * factor), Encoders.javaSerialization(Word.class))
                             .map((MapFunction<Word, String>) w -> shout(w.text()) + w.weight(), Encoders.STRING())
                             .collectAsList().toString()""")));
                assertEquals("[0, 3, 6]", result(kernel.ok("""
                        spark.udf().register("times", (org.apache.spark.sql.api.java.UDF1<Long, Long>) x -> x * factor,
                                             org.apache.spark.sql.types.DataTypes.LongType);
                        spark.sql("SELECT times(id) AS t FROM range(3)").as(Encoders.LONG()).collectAsList()""")));
                assertEquals("[" + server.pid() + "]", result(kernel.ok("""
                        spark.range(0, 4, 1, 2).map((MapFunction<Long, Long>) x -> ProcessHandle.current().pid(), Encoders.LONG())
                             .distinct().collectAsList().toString()""")), "not computed in the server's JVM");

                kernel.ok("factor = 10;"); // the new value travels with the next lambda made
                assertEquals("[10, 20]", result(kernel.ok(
                        "spark.range(1, 3).map((MapFunction<Long, Long>) x -> x * factor, Encoders.LONG()).collectAsList()")));

                // A cell method the lambda calls reads factor itself: the value travels to the server too.
                kernel.ok("long scaled(long x) { return x * factor + 1; }");
                assertEquals("[11, 21]", result(kernel.ok(
                        "spark.range(1, 3).map((MapFunction<Long, Long>) x -> scaled(x), Encoders.LONG()).collectAsList()")));

                String table = result(kernel.ok("spark.range(3).toDF(\"n\")"));
                assertTrue(table.contains("|  n|") && table.contains("|  2|") && table.contains("3 rows")
                        && table.contains("schema: n: bigint"), table);

                interruptCancelsTheOperationAndTheSessionStaysUsable(kernel);

                kernel.ok("var numbers = spark.range(5);");
                kernel.ok("%mode strict");
                KernelClient.Execution strict = kernel.ok("numbers.count() + spark.range(3).count()");
                assertEquals("8", result(strict));
                assertEquals("", streams(strict), "strict mode warned about Spark Connect objects");
                kernel.ok("%mode relaxed");

                KernelClient.Execution stopped = kernel.ok("%spark --stop");
                assertEquals("Spark session stopped.", stopped.ofType("display_data").get(0).field("data")
                        .path("text/plain").asText(), stopped.iopub()::toString);
                assertFalse(streams(stopped).contains("Failed to release session"), streams(stopped));
                String session = shown.replaceAll("(?s).*, session ([0-9a-f-]+).*", "$1");
                server.awaitLine("Closing session with userId", Duration.ofSeconds(60));
                assertTrue(server.logText().lines().anyMatch(l -> l.contains("Closing session") && l.contains(session)),
                        "the server did not release session " + session);

                // A session whose server went away is not handed out again: %spark says nobody answers.
                kernel.ok("%spark --remote " + server.url());
                server.close();
                KernelClient.Execution gone = kernel.run("%spark --remote " + server.url());
                assertEquals("error", gone.status(), gone.iopub()::toString);
                String goneWhy = gone.ofType("error").get(0).field("evalue").asText();
                assertTrue(goneWhy.contains("no Spark Connect server answers at " + server.url()), goneWhy);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n--- kernel ---\n" + kernel.process.stderr()
                        + "\n--- server ---\n" + server.logText(), e);
            }
        }
    }

    /** Classic Spark first, then Connect: the client's variants of shared classes would lose; %spark says so. */
    @Test
    void connectAfterClassicSparkSaysToRestartTheKernel() throws Exception {
        try (SparkKernel kernel = new SparkKernel()) {
            kernel.ok("%maven " + SparkJars.COORDINATES);
            KernelClient.Execution late = kernel.run("%spark --remote sc://127.0.0.1:" + SparkConnectServer.freePort());
            assertEquals("error", late.status(), late.iopub()::toString);
            String why = late.ofType("error").get(0).field("evalue").asText();
            assertTrue(why.contains("restart the kernel and run %spark --remote first"), why);
        }
    }

    /**
     * Both task slots of the server run the cell's endless job, so the count after the interrupt can only
     * run when the interrupt did cancel it on the server (a cancel of the client's call alone would not).
     */
    private void interruptCancelsTheOperationAndTheSessionStaysUsable(SparkKernel kernel) throws Exception {
        Path running = dir.resolve("running");
        kernel.ok("String marker = \"" + running + "\";");
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            String slow = kernel.client.execute("""
                    spark.range(0, 1_000_000_000L, 1, 2).map((MapFunction<Long, Long>) x -> {
                        java.nio.file.Files.writeString(java.nio.file.Path.of(marker), "running");
                        Thread.sleep(5);
                        return x;
                    }, Encoders.LONG()).count()""");
            long deadline = System.nanoTime() + CELL_TIMEOUT.toNanos();
            while (!Files.exists(running)) {
                assertTrue(System.nanoTime() < deadline, "the slow job never ran on the server");
                watch.poll(1, TimeUnit.SECONDS);
            }
            // The server's progress reports (every 2 s by default) become the cell's progress line.
            Message progress = kernel.client.nextMatching(Channel.IOPUB, m -> m.parentMsgId().equals(slow)
                    && m.msgType().endsWith("display_data") && m.field("data").path("text/plain").asText().startsWith("Spark stage"),
                    CELL_TIMEOUT);
            assertNotNull(progress, "no progress line while the operation ran");
            assertTrue(progress.field("data").path("text/plain").asText().contains("/2 tasks"), progress::toString);
            kernel.client.awaitReply(Channel.CONTROL, kernel.client.send(Channel.CONTROL, "interrupt_request", Map.of()));
            KernelClient.Execution interrupted = kernel.client.collect(slow, Duration.ofMinutes(2));
            assertEquals("error", interrupted.status(), interrupted.iopub()::toString);
            assertEquals("Interrupted", interrupted.ofType("error").get(0).field("ename").asText(), interrupted.iopub()::toString);
        }
        assertEquals("10", result(kernel.ok("spark.range(10).count()")));
    }
}
