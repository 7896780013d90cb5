package reflow.kernel.spark;

import java.net.URI;
import java.net.URLClassLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import reflow.kernel.display.RendererRegistry;
import reflow.kernel.jshell.CellListener;
import reflow.kernel.jshell.SnippetClassHook;
import reflow.kernel.notebook.MimeValue;
import reflow.kernel.notebook.Notebook;

/**
 * Everything the kernel does for Apache Spark, which the notebook brings itself (%maven or %spark): the
 * session %spark asks for, cell classes written where executors fetch them, serializable lambdas made to
 * carry the cell variables they read ({@link ClosureCapture}), one job group per cell run (so an interrupt
 * cancels the cell's jobs and nothing else), a progress line, Datasets shown as tables, and a clean stop
 * when the kernel shuts down. A Spark Connect session ({@code sc://}) gets the same through Connect's
 * means ({@link SparkConnect}): class artifacts, operation tags, close. All calls into Spark are reflective.
 */
public final class SparkGlue implements CellListener, SnippetClassHook {
    private static volatile SparkGlue installed;

    private final ClassLoader cells;
    private final ExecutorClassDirectory classes = new ExecutorClassDirectory();
    /** Every snippet class's calls and reads, from the first cell on: code shipped later may call it. */
    private final CellClassIndex cellClasses;
    private final AtomicLong runs = new AtomicLong();
    private volatile int urlsSeen = -1;
    private volatile boolean sparkOnClasspath;
    private volatile SparkOptions wanted = SparkOptions.defaults();
    private volatile Object session;
    private volatile SparkOptions running;
    /** The cell run's job group (classic) or operation tag (Connect): what an interrupt cancels. */
    private volatile String jobGroup;
    /** The same for the job that fetches the rows of a Dataset shown as a cell's result (after the cell). */
    private volatile String showGroup;
    private volatile SparkProgress progress;
    private volatile ConnectProgress connectProgress;

    private SparkGlue(ClassLoader cells) {
        this.cells = cells;
        this.cellClasses = new CellClassIndex(cells);
    }

    /** One per kernel: cells reach it through {@link Spark#session()}. */
    public static synchronized SparkGlue install(ClassLoader cells) {
        installed = new SparkGlue(cells);
        return installed;
    }

    static SparkGlue installed() {
        return installed;
    }

    /** True when the cells' class path has Spark (checked again only when the class path grew). */
    boolean sparkOnClasspath() {
        if (sparkOnClasspath) {
            return true;
        }
        int urls = cells instanceof URLClassLoader u ? u.getURLs().length : 0;
        if (urls != urlsSeen) {
            urlsSeen = urls;
            sparkOnClasspath = cells.getResource("org/apache/spark/SparkContext.class") != null;
        }
        return sparkOnClasspath;
    }

    /** What %spark needs before its session can start: Spark, and for sc:// the Connect client too. */
    boolean readyFor(SparkOptions options) {
        return sparkOnClasspath() && (!options.connect() || SparkConnect.clientOnClasspath(cells));
    }

    private boolean connected() {
        SparkOptions r = running;
        return r != null && r.connect();
    }

    // ---- snippet classes -----------------------------------------------------------------------------

    @Override
    public void beforeBatch(Map<String, byte[]> bytecodes) {
        bytecodes.values().forEach(cellClasses::add);
    }

    @Override
    public void forgotten(java.util.Set<String> classNames) {
        cellClasses.forget(classNames);
        classes.forget(classNames);
    }

    @Override
    public byte[] beforeDefine(String className, byte[] bytecode) {
        if (!sparkOnClasspath()) {
            cellClasses.add(bytecode);
            classes.write(className, bytecode);
            return bytecode;
        }
        classes.write(className, ClosureCapture.rewrite(bytecode, false, cellClasses));
        return ClosureCapture.rewrite(bytecode, true, cellClasses);
    }

    // ---- the session ---------------------------------------------------------------------------------

    /** What the next {@link Spark#session()} builds (set by %spark before its cell's code runs). */
    void want(SparkOptions options) {
        this.wanted = options;
    }

    boolean hasSession() {
        return session != null;
    }

    String describeRunning() {
        SparkOptions r = running;
        Object s = session;
        if (r == null || s == null) {
            return "no Spark session";
        }
        if (r.connect()) {
            return "Spark " + Reflect.call(s, "version") + " through Spark Connect " + r.master() + ", session "
                    + SparkConnect.sessionId(s);
        }
        Object sc = Reflect.call(s, "sparkContext");
        return "Spark " + Reflect.call(s, "version") + ", master " + Reflect.call(sc, "master")
                + ", application " + Reflect.call(sc, "applicationId");
    }

    /** Runs on the cell thread, whose context class loader sees the cells' jars and classes. */
    synchronized Object session() {
        SparkOptions options = wanted;
        if (session != null && running != null && running.master().equals(options.master())
                && running.conf().equals(options.conf())
                && (!running.connect() || SparkConnect.serverListens(running.master()))) {
            applyLogLevel(options);
            announce("running");
            return session;
        }
        if (session != null) {
            stopSession();
        }
        SparkLogging.configureBeforeStart(options.logLevel() == null ? SparkLogging.DEFAULT_LEVEL : options.logLevel());
        Thread.currentThread().setContextClassLoader(cells);
        if (options.connect()) {
            session = SparkConnect.start(options, cells, classes, this::executionResponse);
            running = options;
            applyLogLevel(options);
            registerRenderers();
            announce("started");
            return session;
        }
        Class<?> sessionClass;
        try {
            sessionClass = Class.forName("org.apache.spark.sql.SparkSession", true, cells);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Spark is not on the classpath: run %spark (it adds "
                    + options.coordinates() + ") or %maven it first", e);
        }
        classes.synchronous(); // executors may fetch any cell class from the first job on
        Object builder = Reflect.callStatic(sessionClass, "builder");
        Reflect.call(builder, "master", options.master());
        Reflect.call(builder, "appName", options.appName());
        sessionConf(options).forEach((k, v) -> Reflect.call(builder, "config", k, v));
        Object created = Reflect.call(builder, "getOrCreate");
        session = created;
        running = options;
        applyLogLevel(options);
        registerRenderers();
        announce("started");
        return created;
    }

    /** One line in the %spark cell: which Spark, where, and the web UI. */
    private void announce(String how) {
        try {
            if (connected()) {
                String text = "spark: Spark " + Reflect.call(session, "version") + " Spark Connect session " + how
                        + ", server " + running.master() + ", session " + SparkConnect.sessionId(session);
                Notebook.display(new MimeValue("text/plain", text, text));
                return;
            }
            Object sc = Reflect.call(session, "sparkContext");
            Object ui = Reflect.option(Reflect.call(sc, "uiWebUrl"));
            String text = "spark: Spark " + Reflect.call(session, "version") + " session " + how + ", master "
                    + Reflect.call(sc, "master") + ", application " + Reflect.call(sc, "applicationId")
                    + (ui == null ? "" : ", UI " + ui);
            Notebook.display(new MimeValue("text/plain", text, text));
        } catch (RuntimeException e) {
            // informational only
        }
    }

    /** Spark settings: the kernel's defaults, then the user's --conf, which win. */
    private Map<String, String> sessionConf(SparkOptions options) {
        Map<String, String> conf = new LinkedHashMap<>();
        // The driver serves this folder at /classes; executors load the cell classes from it.
        conf.put("spark.repl.class.outputDir", classes.root().toString());
        // One class folder for every job: Spark 4's per-session artifact folders would hide it.
        conf.put("spark.sql.artifact.isolation.enabled", "false");
        conf.put("spark.ui.showConsoleProgress", "false"); // the kernel shows progress in the cell
        if (isLoopback(options.master())) {
            conf.put("spark.driver.host", "127.0.0.1");
            conf.put("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.putAll(options.conf());
        return conf;
    }

    /** local[...] or a master on this machine: the driver need not be reachable from elsewhere. */
    static boolean isLoopback(String master) {
        if (master.startsWith("local")) {
            return true;
        }
        try {
            String host = URI.create(master).getHost();
            return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void applyLogLevel(SparkOptions options) {
        if (options.logLevel() != null && session != null && options.connect()) {
            SparkConnect.setLogLevel(cells, options.logLevel());
        } else if (options.logLevel() != null && session != null) {
            Reflect.call(Reflect.call(session, "sparkContext"), "setLogLevel", options.logLevel());
        }
    }

    private void registerRenderers() {
        try {
            Class<?> dataset = Class.forName("org.apache.spark.sql.Dataset", false, cells);
            RendererRegistry.INSTANCE.register(dataset, this::show);
        } catch (ClassNotFoundException e) {
            // a Spark without Dataset: nothing to render specially
        }
    }

    /** A Dataset as a table; its rows are fetched in a job group of its own, so an interrupt cancels it too. */
    private Map<String, Object> show(Object dataset) {
        if (connected()) {
            String tag = "reflow-show-" + runs.get();
            Object s = session;
            SparkConnect.tag(s, tag);
            showGroup = tag;
            try {
                return DatasetTable.render(dataset, cells);
            } finally {
                showGroup = null;
                SparkConnect.untag(s, tag);
            }
        }
        Object sc = Reflect.call(Reflect.call(dataset, "sparkSession"), "sparkContext");
        String group = "reflow-show-" + runs.get();
        Reflect.call(sc, "setJobGroup", group, "Reflow: the rows of a Dataset shown as a cell's result", true);
        showGroup = group;
        try {
            return DatasetTable.render(dataset, cells);
        } finally {
            showGroup = null;
            Reflect.call(sc, "clearJobGroup");
        }
    }

    /** Stops the session (and its SparkContext); the next %spark starts a new one. */
    synchronized void stopSession() {
        Object s = session;
        SparkOptions r = running;
        session = null;
        running = null;
        if (s != null && r != null && r.connect()) {
            SparkConnect.close(s, r.master());
        } else if (s != null) {
            Reflect.call(s, "stop");
        }
    }

    /** Kernel shutdown or restart: stop Spark within a few seconds, so executors and ports are released. */
    public void shutdown() {
        if (session == null) {
            return;
        }
        Thread stopper = new Thread(this::stopSession, "reflow-spark-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(4_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- per cell ------------------------------------------------------------------------------------

    @Override
    public void cellStarting() {
        Object s = session;
        if (s == null) {
            return;
        }
        if (connected()) {
            String tag = "reflow-cell-" + runs.incrementAndGet();
            try {
                SparkConnect.tag(s, tag); // thread-local, like a job group: this cell's thread and its children
                jobGroup = tag;
                connectProgress = new ConnectProgress();
            } catch (RuntimeException e) {
                jobGroup = null;
            }
            return;
        }
        try {
            Object sc = Reflect.call(s, "sparkContext");
            String group = "reflow-cell-" + runs.incrementAndGet();
            Reflect.call(sc, "setJobGroup", group, "Reflow cell run " + runs.get(), true);
            jobGroup = group;
            SparkProgress p = new SparkProgress(Reflect.call(sc, "statusTracker"), group);
            progress = p;
            p.start();
        } catch (RuntimeException e) {
            jobGroup = null; // a stopped context: the cell will say so if it uses it
        }
    }

    @Override
    public void cellFinished() {
        SparkProgress p = progress;
        progress = null;
        if (p != null) {
            p.finish();
        }
        ConnectProgress c = connectProgress;
        connectProgress = null;
        if (c != null) {
            c.finish();
        }
        Object s = session;
        String group = jobGroup;
        if (s != null && group != null && connected()) {
            try {
                SparkConnect.untag(s, group);
            } catch (RuntimeException e) {
                // a closed session has no tags left
            }
        }
        jobGroup = null;
    }

    /** Each response of a Spark Connect execution (on gRPC's threads): its progress report, if any, to the cell's line. */
    private void executionResponse(Object response) {
        ConnectProgress c = connectProgress;
        if (c == null) {
            return;
        }
        try {
            if ((Boolean) Reflect.call(response, "hasExecutionProgress")) {
                c.report(Reflect.call(response, "getExecutionProgress"));
            }
        } catch (RuntimeException | LinkageError e) {
            // informational only: the response goes on to the client unchanged
        }
    }

    @Override
    public void stopRequested() {
        Object s = session;
        if (s == null) {
            return;
        }
        for (String group : new String[] {jobGroup, showGroup}) {
            if (group == null) continue;
            try {
                if (connected()) {
                    SparkConnect.interrupt(s, group);
                } else {
                    Reflect.call(Reflect.call(s, "sparkContext"), "cancelJobGroup", group);
                }
            } catch (RuntimeException e) {
                System.err.println("reflow: could not cancel the cell's Spark jobs: " + e);
            }
        }
    }
}
