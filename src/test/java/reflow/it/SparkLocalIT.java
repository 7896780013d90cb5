package reflow.it;

import static org.junit.jupiter.api.Assertions.*;
import static reflow.it.SparkKernel.*;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reflow.protocol.Channel;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;

/**
 * Spark 4 in local mode from notebook cells, as a user types them: %spark (Spark resolved from Maven
 * Central on a cold local repository, read from it afterwards), a record and lambdas written in cells that
 * read another cell's variable, a word count and a join, Datasets shown as tables, Spark's log kept out of
 * the output, and an interrupt that cancels a long job and leaves the session usable.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkLocalIT {
    static SparkKernel kernel;

    @BeforeAll
    static void start() throws Exception {
        kernel = new SparkKernel();
        // A record declared before Spark is even on the classpath: it must reach Spark's tasks too.
        kernel.ok("record Word(String text, int weight) implements java.io.Serializable {}");
        KernelClient.Execution started = kernel.ok("%spark --master local[2] --conf spark.ui.enabled=false");
        String shown = String.join("\n", displays(started));
        assertTrue(shown.contains("session started, master local[2]"), shown);
        assertFalse(streams(started).contains("INFO"), "Spark's INFO log in the cell:\n" + streams(started));
    }

    @AfterAll
    static void stop() {
        if (kernel != null) kernel.close();
    }

    @Test
    @Order(1)
    void lambdasReadOtherCellsVariablesAndUseCellRecords() {
        kernel.ok("int factor = 3;");
        KernelClient.Execution mapped = kernel.ok(
                "spark.range(1, 6).map((MapFunction<Long, Long>) x -> x * factor, Encoders.LONG()).collectAsList()");
        assertEquals("[3, 6, 9, 12, 15]", result(mapped));
        assertTrue(displays(mapped).stream().anyMatch(d -> d.startsWith("Spark: 1 job, 1 stage, 2 tasks")),
                displays(mapped)::toString);
        assertFalse(streams(mapped).contains("INFO"), streams(mapped));
        assertEquals("[Word[text=a, weight=3], Word[text=bb, weight=6]]", result(kernel.ok("""
                spark.createDataset(List.of("a", "bb"), Encoders.STRING())
                     .map((MapFunction<String, Word>) s -> new Word(s, s.length() * factor), Encoders.javaSerialization(Word.class))
                     .collectAsList().toString()""")));
    }

    @Test
    @Order(2)
    void wordCountAndJoinShowAsTables() {
        kernel.ok("""
                var lines = spark.createDataset(List.of("to be or not to be", "to do"), Encoders.STRING());
                var counts = lines.flatMap((FlatMapFunction<String, String>) l -> Arrays.asList(l.split(" ")).iterator(), Encoders.STRING())
                                  .groupBy("value").count().withColumnRenamed("value", "word");""");
        KernelClient.Execution table = kernel.ok("counts.orderBy(col(\"count\").desc(), col(\"word\"))");
        String text = result(table);
        assertTrue(text.startsWith("+----+-----+\n|word|count|\n+----+-----+\n|  to|    3|\n|  be|    2|"), text);
        assertTrue(text.contains("schema: word: string, count: bigint"), text);
        assertTrue(html(table).contains("<th>word<br><small>string</small></th>"), html(table));
        kernel.ok("""
                var kinds = spark.createDataset(List.of("to:particle", "be:verb", "do:verb"), Encoders.STRING())
                                 .map((MapFunction<String, scala.Tuple2<String, String>>) s -> new scala.Tuple2<>(s.split(":")[0], s.split(":")[1]),
                                      Encoders.tuple(Encoders.STRING(), Encoders.STRING()))
                                 .toDF("word", "kind");""");
        assertEquals("[[be,2,verb], [do,1,verb], [to,3,particle]]",
                result(kernel.ok("counts.join(kinds, \"word\").orderBy(\"word\").collectAsList()")));
        KernelClient.Execution many = kernel.ok("spark.range(100)");
        assertTrue(result(many).contains("only the first 20 rows") && result(many).contains("| 19|\n+---+\nonly"), result(many));
    }

    @Test
    @Order(3)
    void interruptCancelsTheCellsJobAndTheSessionStaysUsable() {
        String slow = kernel.client.execute("""
                spark.range(0, 100_000, 1, 2).map((MapFunction<Long, Long>) x -> { Thread.sleep(5); return x; }, Encoders.LONG()).count()""");
        Message progress = kernel.client.nextMatching(Channel.IOPUB, m -> m.parentMsgId().equals(slow)
                && m.msgType().endsWith("display_data") && m.field("data").path("text/plain").asText().startsWith("Spark stage"),
                CELL_TIMEOUT);
        assertNotNull(progress, "no progress line while the job ran");
        kernel.client.awaitReply(Channel.CONTROL, kernel.client.send(Channel.CONTROL, "interrupt_request", Map.of()));
        KernelClient.Execution interrupted = kernel.client.collect(slow, Duration.ofMinutes(2));
        assertEquals("error", interrupted.status(), interrupted.iopub()::toString);
        assertEquals("Interrupted", interrupted.ofType("error").get(0).field("ename").asText(), interrupted.iopub()::toString);
        // Cancelling is asynchronous: the tasks are being killed while the interrupt is answered.
        assertEquals("0", result(kernel.ok("""
                var tracker = spark.sparkContext().statusTracker();
                for (long end = System.nanoTime() + 60_000_000_000L; tracker.getActiveJobIds().length > 0 && System.nanoTime() < end; ) Thread.sleep(50);
                tracker.getActiveJobIds().length""")), "the cancelled job still runs a minute later");
        assertEquals("10", result(kernel.ok("spark.range(10).count()")));
    }

    @Test
    @Order(4)
    void editingAVariableRerunsTheSparkCellAndStrictModeSharesSparkObjectsSilently() {
        String factorCell = cell("spark-k", "int k = 2;");
        assertEquals("ok", kernel.client.collect(factorCell, CELL_TIMEOUT).status());
        String useCell = cell("spark-use", "spark.range(1, 4).map((MapFunction<Long, Long>) x -> x * k, Encoders.LONG()).collectAsList()");
        assertEquals("[2, 4, 6]", result(kernel.client.collect(useCell, CELL_TIMEOUT)));
        assertEquals("ok", kernel.client.collect(cell("spark-k", "int k = 5;"), CELL_TIMEOUT).status());
        // The dependent cell's new result goes to its own output area: parented to its request.
        Message rerun = kernel.client.nextMatching(Channel.IOPUB, m -> m.parentMsgId().equals(useCell)
                && m.msgType().equals("execute_result"), CELL_TIMEOUT);
        assertNotNull(rerun, "the Spark cell did not re-run after k changed");
        assertEquals("[5, 10, 15]", rerun.field("data").path("text/plain").asText());

        kernel.ok("%mode strict");
        KernelClient.Execution strict = kernel.ok("counts.count() + spark.range(3).count()");
        assertEquals("8", result(strict));
        assertEquals("", streams(strict), "strict mode warned about Spark objects");
        kernel.ok("%mode relaxed");
    }

    private static String cell(String cellId, String code) {
        return kernel.client.send(Channel.SHELL, "execute_request", KernelClient.executeContent(code), Map.of("cellId", cellId));
    }
}
