package reflow.kernel.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Spark logs through Log4j 2, by default at INFO to stderr: dozens of lines per job, which would land in
 * the cell's output. Before Spark first logs, the kernel points Log4j at its own configuration: WARN (or
 * the level asked for) for everything, to stderr, so warnings and errors still show in the cell. Spark
 * keeps a configuration it did not make. Once a session runs, the level changes with SparkContext's
 * setLogLevel.
 */
final class SparkLogging {
    static final String DEFAULT_LEVEL = "WARN";
    static final Set<String> LEVELS = Set.of("ALL", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF");
    private static final String PROPERTY = "log4j2.configurationFile";

    private SparkLogging() {}

    static String level(String word) {
        String level = word.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("--log takes one of " + String.join(", ", LEVELS.stream().sorted().toList())
                    + ", not `" + word + "`");
        }
        return level;
    }

    /** Before Spark's first class loads: Log4j reads this file when it initialises. */
    static void configureBeforeStart(String level) {
        if (System.getProperty(PROPERTY) != null) {
            return; // the user's own configuration (a -D in kernel.json, or set in a cell)
        }
        try {
            Path file = Files.createTempFile("reflow-log4j2-", ".properties");
            file.toFile().deleteOnExit();
            Files.writeString(file, String.join("\n",
                    "# Written by Reflow: Spark's log in the notebook, " + level + " and above.",
                    "rootLogger.level = " + level,
                    "rootLogger.appenderRef.stderr.ref = stderr",
                    "appender.console.type = Console",
                    "appender.console.name = stderr",
                    "appender.console.target = SYSTEM_ERR",
                    "appender.console.layout.type = PatternLayout",
                    "appender.console.layout.pattern = %p %c{1}: %m%n%ex",
                    // Said on every start where Hadoop's native library is absent, which is almost everywhere.
                    "logger.hadoopNative.name = org.apache.hadoop.util.NativeCodeLoader",
                    "logger.hadoopNative.level = ERROR",
                    // "Your hostname resolves to a loopback address" on most laptops and containers.
                    "logger.sparkUtils.name = org.apache.spark.util.Utils",
                    "logger.sparkUtils.level = ERROR",
                    ""));
            System.setProperty(PROPERTY, file.toString());
        } catch (IOException e) {
            System.err.println("reflow: could not write a log configuration for Spark (" + e.getMessage() + ")");
        }
    }
}
