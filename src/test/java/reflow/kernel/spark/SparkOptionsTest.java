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
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkOptions.parse("--master sc://host:15002"))
                .getMessage().contains("Spark Connect (sc://host:15002) is not supported yet"));
        assertEquals("%spark: a quote is not closed",
                assertThrows(IllegalArgumentException.class, () -> SparkOptions.parse("--app \"x")).getMessage());
    }

    @Test
    void aMasterOnThisMachineKeepsTheDriverOnLoopback() {
        assertTrue(SparkGlue.isLoopback("local[*]"));
        assertTrue(SparkGlue.isLoopback("spark://127.0.0.1:7077"));
        assertTrue(SparkGlue.isLoopback("spark://localhost:7077"));
        assertFalse(SparkGlue.isLoopback("spark://10.0.0.5:7077"));
    }
}
