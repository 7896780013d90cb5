package reflow.kernel.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The arguments of {@code %spark}. {@code master} is where the session runs: {@code local[...]}, a
 * standalone master {@code spark://...}, or a Spark Connect server {@code sc://...} ({@link #connect()}).
 */
record SparkOptions(String master, String version, String appName, Map<String, String> conf, String logLevel,
                    boolean stop) {
    static final String DEFAULT_MASTER = "local[*]";
    /** The kernel's startup configuration: {@code -Dspark.master=...} (install --jvm-arg, REFLOW_JVM_OPTS). */
    static final String MASTER_PROPERTY = "spark.master";
    /** Spark Connect's own settings for a default server: the system property, then the environment. */
    static final String REMOTE_PROPERTY = "spark.remote";
    static final String REMOTE_ENV = "SPARK_REMOTE";
    static final String CONNECT_SCHEME = "sc://";
    /**
     * The Connect client's POM names spark-connect-shims (stand-ins for SparkContext, RDD... so the client
     * compiles without spark-core), which is not published on Maven Central; spark-sql brings the real
     * classes instead, as Spark's own {@code spark-shell --remote} does. The client goes first on the class
     * path: it has its own copies of a few spark-sql-api classes (relocated Arrow and Guava) that it needs.
     */
    static final String CONNECT_CLIENT = "org.apache.spark:spark-connect-client-jvm_";
    static final String CONNECT_SHIMS = "org.apache.spark:spark-connect-shims_";
    /** Resolves from Maven Central and runs on Java 17 and later. */
    static final String DEFAULT_VERSION = "4.0.1";
    static final String SCALA = "2.13";

    static SparkOptions parse(String args) {
        return parse(args, System::getenv);
    }

    /** What a bare %spark means, for the kernel's start: a malformed default URL is reported by %spark itself. */
    static SparkOptions defaults() {
        try {
            return parse("");
        } catch (IllegalArgumentException e) {
            return new SparkOptions(DEFAULT_MASTER, DEFAULT_VERSION, "Reflow", Map.of(), null, false);
        }
    }

    static SparkOptions parse(String args, UnaryOperator<String> environment) {
        String master = defaultMaster(environment);
        String version = DEFAULT_VERSION;
        String app = "Reflow";
        String log = null;
        boolean stop = false;
        Map<String, String> conf = new LinkedHashMap<>();
        List<String> words = words(args);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            switch (w) {
                case "--master" -> master = value(words, ++i, w);
                case "--remote" -> {
                    master = value(words, ++i, w);
                    if (!master.startsWith(CONNECT_SCHEME)) {
                        throw new IllegalArgumentException("--remote takes a Spark Connect URL, sc://host:port (default "
                                + "port 15002), not `" + master + "`; for a standalone master use --master");
                    }
                }
                case "--version" -> version = value(words, ++i, w);
                case "--app", "--name" -> app = value(words, ++i, w);
                case "--log" -> log = SparkLogging.level(value(words, ++i, w));
                case "--stop" -> stop = true;
                case "--conf" -> {
                    String pair = value(words, ++i, w);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--conf takes KEY=VALUE, not `" + pair + "`");
                    }
                    conf.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                default -> {
                    if (!w.startsWith("-") && i == 0) {
                        master = w; // `%spark spark://host:7077` reads naturally too
                    } else {
                        throw new IllegalArgumentException("%spark does not know `" + w + "`; see %spark --help");
                    }
                }
            }
        }
        if (master.startsWith(CONNECT_SCHEME)) {
            SparkConnect.endpoint(master); // a malformed URL fails here, before anything is downloaded
        }
        return new SparkOptions(master, version, app, Map.copyOf(conf), log, stop);
    }

    /** -Dspark.remote, then SPARK_REMOTE, then -Dspark.master, then local[*]. */
    private static String defaultMaster(UnaryOperator<String> environment) {
        String remote = System.getProperty(REMOTE_PROPERTY);
        if (remote == null || remote.isBlank()) {
            remote = environment.apply(REMOTE_ENV);
        }
        if (remote != null && !remote.isBlank()) {
            return remote.trim();
        }
        return System.getProperty(MASTER_PROPERTY, DEFAULT_MASTER);
    }

    /** A Spark Connect server rather than a master: the session is a Connect client. */
    boolean connect() {
        return master.startsWith(CONNECT_SCHEME);
    }

    /** What %maven adds when Spark (or, for Connect, its client) is not on the class path yet. */
    String coordinates() {
        String sql = "org.apache.spark:spark-sql_" + SCALA + ":" + version;
        if (!connect()) {
            return sql;
        }
        return CONNECT_CLIENT + SCALA + ":" + version + " " + sql + " --exclude " + CONNECT_SHIMS + SCALA;
    }

    private static String value(List<String> words, int i, String option) {
        if (i >= words.size()) {
            throw new IllegalArgumentException(option + " needs a value; see %spark --help");
        }
        return words.get(i);
    }

    /** Splits on spaces; double quotes group ("--app \"my app\""). */
    private static List<String> words(String args) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : args.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) words.add(word.toString());
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
                any = true;
            }
        }
        if (quoted) throw new IllegalArgumentException("%spark: a quote is not closed");
        if (any) words.add(word.toString());
        return words;
    }
}
