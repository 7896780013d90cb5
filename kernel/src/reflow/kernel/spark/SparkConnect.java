package reflow.kernel.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.util.function.Consumer;

/**
 * A Spark Connect session ({@code sc://host:port}): the kernel is a thin client of a server that runs the
 * queries, so there is no SparkContext here. What the kernel does for a classic session, it does here
 * with Connect's means: cell classes reach the server as class artifacts ({@link ConnectClassUpload}),
 * each cell run is an operation tag (the interrupt cancels the tag's operations, the session stays),
 * the session closes (and is released on the server) at {@code --stop}, restart and shutdown.
 * All calls are reflective, like the rest of the Spark glue.
 */
final class SparkConnect {
    static final int DEFAULT_PORT = 15002;
    static final String SESSION_CLASS = "org.apache.spark.sql.connect.SparkSession";
    /** A spark-sql-api class the client jar carries in its own variant (it uses the client's relocated Arrow). */
    private static final String SHARED_CLASS = "org/apache/spark/sql/util/ArrowUtils.class";
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private SparkConnect() {}

    /** Host and port of {@code sc://host[:port][/;param=value...]}. */
    record Endpoint(String host, int port) {
        @Override public String toString() {
            return host + ":" + port;
        }
    }

    static Endpoint endpoint(String url) {
        if (!url.startsWith(SparkOptions.CONNECT_SCHEME)) {
            throw new IllegalArgumentException("`" + url + "` is not a Spark Connect URL (sc://host:port)");
        }
        String rest = url.substring(SparkOptions.CONNECT_SCHEME.length());
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != '/' && rest.charAt(end) != ';') end++;
        String authority = rest.substring(0, end);
        String host = authority;
        String port = null;
        if (authority.startsWith("[")) { // IPv6: [::1]:15002
            int close = authority.indexOf(']');
            host = close < 0 ? "" : authority.substring(1, close);
            if (close >= 0 && close + 1 < authority.length() && authority.charAt(close + 1) == ':') {
                port = authority.substring(close + 2);
            }
        } else if (authority.indexOf(':') >= 0) {
            host = authority.substring(0, authority.indexOf(':'));
            port = authority.substring(authority.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("`" + url + "` names no host: write sc://host:port, e.g. sc://127.0.0.1:"
                    + DEFAULT_PORT);
        }
        try {
            int p = port == null ? DEFAULT_PORT : Integer.parseInt(port);
            if (p <= 0 || p > 65535) throw new NumberFormatException();
            return new Endpoint(host, p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("`" + url + "` has no valid port (`" + port + "`): write sc://host:port, "
                    + "e.g. sc://" + host + ":" + DEFAULT_PORT);
        }
    }

    /** True when the cells' class path has the Connect client. */
    static boolean clientOnClasspath(ClassLoader cells) {
        return cells.getResource(SESSION_CLASS.replace('.', '/') + ".class") != null;
    }

    /** Builds a session on the server; fails fast, naming the URL, when nothing listens there. */
    static Object start(SparkOptions options, ClassLoader cells, ExecutorClassDirectory classes,
                        Consumer<Object> onExecutionResponse) {
        String url = options.master();
        Endpoint endpoint = endpoint(url);
        checkClassPathOrder(cells);
        checkReachable(url, endpoint);
        Class<?> type;
        try {
            type = Class.forName(SESSION_CLASS, true, cells);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Spark Connect's client is not on the class path: run %spark --remote " + url
                    + " (it adds " + options.coordinates() + ")", e);
        }
        Object builder = Reflect.callStatic(type, "builder");
        Reflect.call(builder, "remote", url);
        Object tap = GrpcResponseTap.interceptor(cells, onExecutionResponse);
        if (tap != null) {
            Reflect.call(builder, "interceptor", tap);
        }
        options.conf().forEach((k, v) -> Reflect.call(builder, "config", k, v));
        Object session = Reflect.call(builder, "create");
        try {
            Reflect.call(session, "version"); // the first call to the server: a wrong server fails here, in %spark
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw new IllegalStateException("the Spark Connect server at " + url + " did not answer as one: " + e.getMessage()
                    + ". Is " + endpoint + " a Spark Connect server (sbin/start-connect-server.sh), of Spark 4?", e);
        }
        classes.synchronous(); // every class is on disk before its cell runs, so the next upload has it
        Reflect.call(session, "registerClassFinder", ConnectClassUpload.finder(cells, classes));
        return session;
    }

    /** The session's id on the server, as its logs name it. */
    static String sessionId(Object session) {
        return String.valueOf(Reflect.call(Reflect.call(session, "client"), "sessionId"));
    }

    /** Tags the operations this thread (and threads it starts) runs from now on. */
    static void tag(Object session, String tag) {
        Reflect.call(session, "addTag", tag);
    }

    static void untag(Object session, String tag) {
        Reflect.call(session, "removeTag", tag);
    }

    /**
     * Interrupts the tag's running operations on the server; the session stays usable. On a thread of its
     * own: the interrupt request is a call to the server, which the client retries for minutes when the
     * server is gone, and the kernel's interrupt must not wait for that.
     */
    static void interrupt(Object session, String tag) {
        Thread interrupter = new Thread(() -> {
            try {
                Reflect.call(session, "interruptTag", tag);
            } catch (RuntimeException e) {
                System.err.println("reflow: could not interrupt the cell's Spark Connect operations (" + e.getMessage() + ")");
            }
        }, "reflow-spark-connect-interrupt");
        interrupter.setDaemon(true);
        interrupter.start();
    }

    /**
     * Closes the session and releases it on the server. When the server no longer answers, only the local
     * channel is closed: a release request would be retried for minutes.
     */
    static void close(Object session, String url) {
        if (!reachable(endpoint(url))) {
            Reflect.call(session, "releaseSessionOnClose_$eq", false);
        }
        close(session);
    }

    private static void close(Object session) {
        Reflect.call(session, "close");
    }

    /** Whether a server still listens at the session's URL (a session whose server went away is not reused). */
    static boolean serverListens(String url) {
        return reachable(endpoint(url));
    }

    private static boolean reachable(Endpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(Object session) {
        try {
            close(session);
        } catch (RuntimeException ignored) {
            // the server did not answer: nothing to release
        }
    }

    /**
     * Nothing listening: say so now. The client itself would retry for minutes (its retry policy backs
     * off up to a minute between attempts) before the cell heard anything.
     */
    private static void checkReachable(String url, Endpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new IllegalStateException("no Spark Connect server answers at " + url + " (" + endpoint + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "). Start one "
                    + "(sbin/start-connect-server.sh in a Spark 4 distribution) or correct the host and port in "
                    + "%spark --remote sc://host:port");
        }
    }

    /**
     * The client jar carries variants of a few spark-sql-api classes (they use its relocated Arrow), so it
     * must come before spark-sql-api on the class path, as %spark --remote adds it. A kernel where classic
     * Spark was added first would load the wrong variants and fail in the middle of a query.
     */
    private static void checkClassPathOrder(ClassLoader cells) {
        URL shared = cells.getResource(SHARED_CLASS);
        if (shared != null && shared.toString().contains("spark-sql-api")) {
            throw new IllegalStateException("Spark's classic jars are on this kernel's class path before Spark "
                    + "Connect's client (Spark was added before %spark --remote), and the client needs its own "
                    + "variants of classes they share: restart the kernel and run %spark --remote first (it adds the "
                    + "client, then spark-sql)");
        }
    }

    /** Spark Connect has no SparkContext.setLogLevel here: the level is the client's Log4j root level. */
    static void setLogLevel(ClassLoader cells, String level) {
        try {
            Class<?> levelType = Class.forName("org.apache.logging.log4j.Level", true, cells);
            Object value = Reflect.callStatic(levelType, "toLevel", level);
            Class<?> configurator = Class.forName("org.apache.logging.log4j.core.config.Configurator", true, cells);
            Reflect.callStatic(configurator, "setRootLevel", value);
        } catch (ClassNotFoundException | RuntimeException e) {
            System.err.println("reflow: could not set the Spark Connect client's log level (" + e + ")");
        }
    }
}
