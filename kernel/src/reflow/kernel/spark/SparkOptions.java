package reflow.kernel.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The arguments of {@code %spark}. */
record SparkOptions(String master, String version, String appName, Map<String, String> conf, String logLevel,
                    boolean stop) {
    static final String DEFAULT_MASTER = "local[*]";
    /** The kernel's startup configuration: {@code -Dspark.master=...} (install --jvm-arg, REFLOW_JVM_OPTS). */
    static final String MASTER_PROPERTY = "spark.master";
    /** Resolves from Maven Central and runs on Java 17 and later. */
    static final String DEFAULT_VERSION = "4.0.1";
    static final String SCALA = "2.13";

    static SparkOptions parse(String args) {
        String master = System.getProperty(MASTER_PROPERTY, DEFAULT_MASTER);
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
        if (master.startsWith("sc://")) {
            throw new IllegalArgumentException("Spark Connect (" + master + ") is not supported yet: use a "
                    + "standalone master (spark://host:7077) or local[*]");
        }
        return new SparkOptions(master, version, app, Map.copyOf(conf), log, stop);
    }

    String coordinates() {
        return "org.apache.spark:spark-sql_" + SCALA + ":" + version;
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
