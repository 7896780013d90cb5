package reflow.kernel.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What %spark's arguments mean, and the messages for arguments it does not take. */
class SparkOptionsTest {

    @Test
    void defaultsAreALocalSessionOfTheKnownVersion() {
        SparkOptions o = SparkOptions.parse("");
        assertEquals("local[*]", o.master());
        assertEquals("org.apache.spark:spark-sql_2.13:4.0.1", o.coordinates());
        assertEquals(Map.of(), o.conf());
        assertNull(o.logLevel());
        assertFalse(o.stop());
    }

    @Test
    void optionsAndRepeatedConf() {
        SparkOptions o = SparkOptions.parse("--master spark://10.0.0.5:7077 --conf spark.executor.memory=4g "
                + "--conf spark.sql.shuffle.partitions=8 --log info --app \"my report\" --version 4.1.1");
        assertEquals("spark://10.0.0.5:7077", o.master());
        assertEquals(Map.of("spark.executor.memory", "4g", "spark.sql.shuffle.partitions", "8"), o.conf());
        assertEquals("INFO", o.logLevel());
        assertEquals("my report", o.appName());
        assertEquals("org.apache.spark:spark-sql_2.13:4.1.1", o.coordinates());
        assertEquals("local[2]", SparkOptions.parse("local[2]").master(), "a bare master URL first");
        assertTrue(SparkOptions.parse("--stop").stop());
    }

    @Test
    void theKernelsStartupConfigurationGivesTheDefaultMaster() {
        String before = System.getProperty("spark.master");
        System.setProperty("spark.master", "spark://127.0.0.1:7077");
        try {
            assertEquals("spark://127.0.0.1:7077", SparkOptions.parse("").master());
            assertEquals("local[2]", SparkOptions.parse("--master local[2]").master(), "the magic's own option wins");
        } finally {
            if (before == null) System.clearProperty("spark.master"); else System.setProperty("spark.master", before);
        }
    }

    @Test
    void wrongArgumentsSayWhatToType() {
        assertEquals("--conf takes KEY=VALUE, not `spark.ui.enabled`",
                assertThrows(IllegalArgumentException.class, () -> SparkOptions.parse("--conf spark.ui.enabled")).getMessage());
        assertEquals("--master needs a value; see %spark --help",
                assertThrows(IllegalArgumentException.class, () -> SparkOptions.parse("--master")).getMessage());
        assertEquals("%spark does not know `--executors`; see %spark --help",
                assertThrows(IllegalArgumentException.class, () -> SparkOptions.parse("--executors 3")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkOptions.parse("--log loud")).getMessage()
                .startsWith("--log takes one of ALL, DEBUG, ERROR, FATAL, INFO, OFF, TRACE, WARN"));
        assertEquals("--remote takes a Spark Connect URL, sc://host:port (default port 15002), not `spark://h:7077`; "
                + "for a standalone master use --master",
                assertThrows(IllegalArgumentException.class, () -> SparkOptions.parse("--remote spark://h:7077")).getMessage());
        assertEquals("`sc://h:x` has no valid port (`x`): write sc://host:port, e.g. sc://h:15002",
                assertThrows(IllegalArgumentException.class, () -> SparkOptions.parse("--remote sc://h:x")).getMessage());
        assertEquals("`sc://` names no host: write sc://host:port, e.g. sc://127.0.0.1:15002",
                assertThrows(IllegalArgumentException.class, () -> SparkOptions.parse("sc://")).getMessage());
        assertEquals("%spark: a quote is not closed",
                assertThrows(IllegalArgumentException.class, () -> SparkOptions.parse("--app \"x")).getMessage());
    }

    @Test
    void sparkConnectAddsItsClientFirstWithoutTheUnpublishedShims() {
        SparkOptions o = SparkOptions.parse("--remote sc://10.0.0.5:15002", name -> null);
        assertTrue(o.connect());
        assertEquals("sc://10.0.0.5:15002", o.master());
        assertEquals("org.apache.spark:spark-connect-client-jvm_2.13:4.0.1 org.apache.spark:spark-sql_2.13:4.0.1 "
                + "--exclude org.apache.spark:spark-connect-shims_2.13", o.coordinates());
        assertTrue(SparkOptions.parse("--master sc://h", name -> null).connect(), "--master sc:// is Connect too");
        assertFalse(SparkOptions.parse("", name -> null).connect());
        assertEquals(new SparkConnect.Endpoint("h", 15002), SparkConnect.endpoint("sc://h/;token=abc"));
        assertEquals(new SparkConnect.Endpoint("::1", 15003), SparkConnect.endpoint("sc://[::1]:15003;use_ssl=true"));
    }

    @Test
    void theDefaultServerComesFromSparkRemoteThenTheEnvironmentThenTheMaster() {
        String remote = System.getProperty("spark.remote");
        String master = System.getProperty("spark.master");
        try {
            System.clearProperty("spark.remote");
            System.setProperty("spark.master", "spark://127.0.0.1:7077");
            assertEquals("sc://env:15002", SparkOptions.parse("", name -> name.equals("SPARK_REMOTE") ? "sc://env:15002" : null)
                    .master(), "SPARK_REMOTE, Spark's own variable");
            assertEquals("spark://127.0.0.1:7077", SparkOptions.parse("", name -> null).master());
            System.setProperty("spark.remote", "sc://prop:15002");
            assertEquals("sc://prop:15002", SparkOptions.parse("", name -> "sc://env:15002").master(), "-Dspark.remote first");
            assertEquals("local[2]", SparkOptions.parse("--master local[2]", name -> null).master(), "the magic's own option wins");
        } finally {
            if (remote == null) System.clearProperty("spark.remote"); else System.setProperty("spark.remote", remote);
            if (master == null) System.clearProperty("spark.master"); else System.setProperty("spark.master", master);
        }
    }

    @Test
    void aMasterOnThisMachineKeepsTheDriverOnLoopback() {
        assertTrue(SparkGlue.isLoopback("local[*]"));
        assertTrue(SparkGlue.isLoopback("spark://127.0.0.1:7077"));
        assertTrue(SparkGlue.isLoopback("spark://localhost:7077"));
        assertFalse(SparkGlue.isLoopback("spark://10.0.0.5:7077"));
    }
}
