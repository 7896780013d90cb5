package reflow.kernel.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import reflow.kernel.magic.MagicCell;
import reflow.kernel.magic.MagicOutput;
import reflow.kernel.magic.Magics;

/**
 * {@code %spark}: Spark in one line. Adds Spark to the classpath when it is not there yet (through
 * %maven), then puts the Spark imports and {@code SparkSession spark = ...} in front of the cell's Java
 * code, so the cell defines {@code spark} like any other variable (its users re-run when it does).
 */
public final class SparkMagic {
    public static final String NAME = "spark";
    public static final String USAGE = "%spark [--master URL | --remote sc://HOST:PORT] [--conf KEY=VALUE]... [--log LEVEL] "
            + "[--version V] [--stop]";
    public static final String SUMMARY = "a SparkSession `spark` (local[*], a cluster or Spark Connect), Spark added with "
            + "%maven if needed";
    public static final String HELP = """
            Adds org.apache.spark:spark-sql_2.13 (default version %s) with %%maven unless Spark is on the classpath
            already, imports org.apache.spark.sql.*, org.apache.spark.api.java.function.* and the static
            org.apache.spark.sql.functions.*, and defines `SparkSession spark` in this cell.
              --master URL      local[*] (default), local[2], or a standalone master spark://host:7077
              --remote URL      a Spark Connect server sc://host:port (also --master sc://...); adds the Connect
                                client org.apache.spark:spark-connect-client-jvm_2.13 too. Default master: the
                                kernel's -Dspark.remote, else $SPARK_REMOTE, else -Dspark.master, else local[*]
              --conf KEY=VALUE  any Spark setting, e.g. --conf spark.executor.memory=2g (repeatable)
              --log LEVEL       Spark's log level in cell output (default WARN; INFO shows everything; on Spark
                                Connect the client's log: the server logs where it runs)
              --app NAME        the application name (default Reflow; a Connect session runs in the server's)
              --version V       the Spark version to add when Spark is not on the classpath yet
              --stop            stop the running session (restart and shutdown stop it too)
            Cell classes and records reach executors through the driver's class server (on Spark Connect: uploaded
            as class artifacts before each request); serializable lambdas (Spark's MapFunction, FilterFunction, ...)
            carry the values of the cell variables they read. Each cell run is a Spark job group (Connect: an
            operation tag): interrupting the cell cancels its jobs. Datasets show as tables.
            """.formatted(SparkOptions.DEFAULT_VERSION);

    private static final String IMPORTS = "import org.apache.spark.sql.*; import org.apache.spark.api.java.function.*; "
            + "import static org.apache.spark.sql.functions.*; ";
    private static final String SESSION = "SparkSession spark = (SparkSession) reflow.kernel.spark.Spark.session();";

    private final SparkGlue glue;
    private final Magics magics;

    /** What the magic shows, and the Java code that goes in front of the cell's own (one line: line numbers stay). */
    public record Prelude(List<Map<String, Object>> shown, String java) {}

    public SparkMagic(SparkGlue glue, Magics magics) {
        this.glue = glue;
        this.magics = magics;
    }

    public Magics.Magic magic() {
        return Magics.Magic.line(USAGE, SUMMARY, HELP, call -> {
            throw new Magics.MagicException("%spark goes at the top of a cell"); // the kernel runs it itself
        });
    }

    /** True for %spark lines the kernel turns into code (not --help). */
    public static boolean handles(MagicCell.Call call) {
        return call.name().equals(NAME) && !call.args().equals("--help") && !call.args().equals("-h");
    }

    public Prelude prelude(String args, MagicOutput out) {
        SparkOptions options;
        try {
            options = SparkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            throw new Magics.MagicException(e.getMessage());
        }
        List<Map<String, Object>> shown = new ArrayList<>();
        if (options.stop()) {
            boolean had = glue.hasSession();
            glue.stopSession();
            shown.add(Map.of("text/plain", had ? "Spark session stopped." : "No Spark session was running."));
            return new Prelude(shown, "");
        }
        if (!glue.readyFor(options)) {
            Map<String, Object> added = magics.run(new MagicCell.Call("maven", options.coordinates(), null), false, out);
            if (added != null) {
                shown.add(added);
            }
            if (!glue.readyFor(options)) {
                throw new Magics.MagicException(options.coordinates() + " did not bring org.apache.spark.SparkContext"
                        + (options.connect() ? " and " + SparkConnect.SESSION_CLASS : ""));
            }
        }
        glue.want(options);
        return new Prelude(shown, IMPORTS + SESSION);
    }
}
