package reflow.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import reflow.kernel.analysis.CellAnalyzer;
import reflow.kernel.copy.CopyMarks;
import reflow.kernel.copy.DeepCopier;
import reflow.kernel.display.MimeBundle;
import reflow.kernel.display.PlainText;
import reflow.kernel.display.RendererRegistry;
import reflow.kernel.history.History;
import reflow.kernel.install.StartupOptions;
import reflow.kernel.jshell.CellIO;
import reflow.kernel.jshell.CellOutcome;
import reflow.kernel.jshell.Completeness;
import reflow.kernel.jshell.Completion;
import reflow.kernel.jshell.Definition;
import reflow.kernel.jshell.JShellBridge;
import reflow.kernel.magic.CellTimer;
import reflow.kernel.magic.ClasspathMagic;
import reflow.kernel.magic.CompilationsMagic;
import reflow.kernel.magic.LibraryMagics;
import reflow.kernel.magic.LoadMagic;
import reflow.kernel.magic.MagicCell;
import reflow.kernel.magic.MagicOutput;
import reflow.kernel.magic.MagicOutputs;
import reflow.kernel.magic.Magics;
import reflow.kernel.magic.ReactiveMagic;
import reflow.kernel.notebook.NotebookRuntime;
import reflow.kernel.output.Presenter;
import reflow.kernel.output.RunEvents;
import reflow.kernel.reactive.CellRun;
import reflow.kernel.reactive.CellRunner;
import reflow.kernel.reactive.ReactiveEngine;
import reflow.kernel.spark.CapturedVariables;
import reflow.kernel.spark.SparkGlue;
import reflow.kernel.spark.SparkMagic;
import reflow.kernel.strict.StrictRunner;
import reflow.protocol.CommRequest;
import reflow.protocol.ExecutionContext;
import reflow.protocol.KernelHandler;
import reflow.protocol.messages.*;

/**
 * The Java kernel: answers the protocol's typed requests with the JShell bridge, and routes executions of
 * cells the frontend identifies through the reactive engine. Requests arrive one at a time on the shell
 * worker thread; {@link #interrupt()} comes from the control thread.
 */
public final class JavaKernel implements KernelHandler {

    private final JShellStarter bridgeStarter;
    private volatile CompletableFuture<JShellBridge> bridgeReady;
    /** Set once a request waits for JShell: its start then skips the warm-up that would delay that request. */
    private volatile boolean bridgeNeeded;
    private final History history = new History();
    private final Magics magics = new Magics();
    private final LibraryMagics libraries = new LibraryMagics();
    private volatile StartupOptions startup = StartupOptions.none();
    private boolean startupDone;
    private final String kernelSession;
    private final CopyMarks copyMarks = new CopyMarks();
    private final Presenter presenter;
    private volatile ExecutionMode mode;
    private volatile JShellBridge bridge;
    private ReactiveEngine engine;
    private DeepCopier strictCopier;
    private volatile SparkGlue spark;
    private SparkMagic sparkMagic;
    private int executionCount;
    private final KernelWidgets widgets;
    /** Bumped by every interrupt, so an execute still waiting for JShell's warm-up sees it. */
    private volatile int interrupts;

    /** Starts JShell in the background; {@code needed} tells it whether a request is already waiting for it. */
    @FunctionalInterface
    public interface JShellStarter {
        CompletableFuture<JShellBridge> start(BooleanSupplier needed);
    }

    public JavaKernel(JShellStarter bridgeStarter, String kernelSession, ExecutionMode mode) {
        this.bridgeStarter = bridgeStarter;
        this.kernelSession = kernelSession;
        this.mode = mode;
        this.presenter = new Presenter(kernelSession);
        this.widgets = new KernelWidgets(presenter, () -> engine, () -> bridge);
    }

    /** What to set up before the first cell (install options, REFLOW_* variables). */
    public void setStartup(StartupOptions startup) {
        this.startup = startup;
    }

    @Override
    public KernelInfoReply kernelInfo() {
        KernelInfoReply reply = KernelInfo.reply(banner());
        startBridge(); // clients ask kernel_info first: warm JShell up now that the answer is ready
        return reply;
    }

    /**
     * Starts JShell, and JavaParser's warm-up for the first cell's analysis, in the background. Not earlier
     * than the first kernel_info: started as soon as the sockets were bound, they delayed kernel_info_reply
     * by about 100 ms on 2 loaded cores, and the first result came no sooner.
     */
    private synchronized CompletableFuture<JShellBridge> startBridge() {
        if (bridgeReady == null) {
            bridgeReady = bridgeStarter.start(() -> bridgeNeeded);
            CellAnalyzer.warmUpInBackground();
        }
        return bridgeReady;
    }

    private String banner() {
        String reactivity = engine == null ? "on" : engine.mode().name().toLowerCase(java.util.Locale.ROOT);
        return "Reflow " + KernelInfo.VERSION + ": a reactive Java kernel on Java " + Runtime.version()
                + " (JShell). Mode: " + mode.word() + " (" + mode.meaning() + "). Reactivity: " + reactivity
                + ". Type %lsmagic for the magics.";
    }

    /** Waits for JShell's background warm-up the first time it is needed. */
    private JShellBridge bridge() {
        JShellBridge b = bridge;
        if (b == null) {
            bridgeNeeded = true;
            b = startBridge().join();
            bridge = b;
            b.setCopyFunctions(copyFunctions());
            RendererRegistry.INSTANCE.useClassLoader(b.snippetClassLoader()); // renderers in jars added later
            engine = new ReactiveEngine(runner(b));
            b.keepCompiledCodeOf(engine::trackedCellSources);
            spark = SparkGlue.install(b.snippetClassLoader()); // Spark itself comes later, if ever (%spark)
            b.setClassHook(spark);
            b.setCellListener(spark);
            CapturedVariables.describeCellsWith(engine::definerOf);
            registerMagics();
        }
        return b;
    }

    /** A runner for the current mode; the previous strict copier (and its thread) is closed. */
    private CellRunner runner(JShellBridge b) {
        if (strictCopier != null) {
            strictCopier.close();
            strictCopier = null;
        }
        if (mode == ExecutionMode.STRICT) {
            strictCopier = new DeepCopier(copyMarks);
            strictCopier.setClassLoader(b.snippetClassLoader());
            return widgets.tracking(new StrictRunner(b, strictCopier));
        }
        return widgets.tracking(new CellRunner() {
            @Override public CellOutcome run(CellRun run, CellIO io) { return b.evaluate(run.code(), io); }
            @Override public void drop(Definition definition) { b.drop(definition); }
        });
    }

    private void registerMagics() {
        magics.register("reactive", new Magics.Magic("%reactive [on|off|lazy]",
                "re-run downstream cells (on), do nothing (off), or mark them stale (lazy)",
                new ReactiveMagic(engine)::run));
        magics.register("deps", new Magics.Magic("%deps [cell]",
                "what each cell defines and uses, and its dependencies", engine::depsTable));
        magics.register("graph", new Magics.Magic("%graph", "picture of the dependency graph",
                args -> engine.graphPicture()));
        magics.register("mode", new Magics.Magic("%mode [strict|relaxed]",
                "strict: cells get deep copies of other cells' values; relaxed: cells share objects", this::modeMagic));
        ClasspathMagic classpath = new ClasspathMagic(bridge::addToClasspath);
        magics.register("classpath", new Magics.Magic("%classpath [PATH...]",
                "add jars or class folders (globs like lib/*.jar allowed)", classpath::run));
        magics.register("jars", new Magics.Magic("%jars PATH...", "the same as %classpath", classpath::run));
        libraries.register(magics, bridge, engine);
        magics.register("compilations", new Magics.Magic("%compilations",
                "how many cell snippets JShell compiled, and how many re-ran their compiled code instead",
                args -> CompilationsMagic.render(bridge.compilationCounts())));
        sparkMagic = new SparkMagic(spark, magics);
        magics.register(SparkMagic.NAME, sparkMagic.magic());
    }

    private Map<String, Object> modeMagic(String args) {
        if (!args.isBlank()) {
            ExecutionMode wanted = ExecutionMode.parse(args.strip());
            if (wanted == null) {
                throw new Magics.MagicException("%mode takes strict or relaxed, not `" + args.strip() + "`");
            }
            mode = wanted;
            // The values the session holds now become the canonical ones: nothing to snapshot beyond them.
            engine.setRunner(runner(bridge));
        }
        return Map.of("text/plain", "mode: " + mode.word() + " (" + mode.meaning() + ")");
    }

    /** zeroCopy/shallowCopy in cells mark values for the strict-mode copier, in either mode. */
    private NotebookRuntime copyFunctions() {
        return new NotebookRuntime() {
            @Override public void display(Object value) { }
            @Override public void clearOutput(boolean wait) { }
            @Override public <T> T zeroCopy(T value) { return copyMarks.zeroCopy(value); }
            @Override public <T> T shallowCopy(T value) { return copyMarks.shallowCopy(value); }
        };
    }

    /**
     * A failure inside the kernel still answers with this request's own execution count and an error
     * naming the kernel, never the previous count (the protocol layer cannot know the new one).
     */
    @Override
    public ExecuteReply execute(ExecuteRequest request, ExecutionContext context) {
        int countBefore = executionCount;
        try {
            return executeRequest(request, context);
        } catch (RuntimeException | LinkageError e) {
            if (executionCount == countBefore && request.storeHistory()) {
                executionCount++;
            }
            reflow.protocol.KernelLog.warn("execute failed inside the kernel: " + e);
            String message = "Reflow failed while running this request (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). Run it again; if it keeps "
                    + "failing, restart the kernel.";
            List<String> traceback = List.of("KernelError: " + message);
            context.error("KernelError", message, traceback);
            return ExecuteReply.error(executionCount, "KernelError", message, traceback);
        } finally {
            presenter.requestDone(context);
        }
    }

    private ExecuteReply executeRequest(ExecuteRequest request, ExecutionContext context) {
        int interruptsBefore = interrupts;
        // Before execute_input: an interrupt the client sends once it has seen execute_input must count.
        JShellBridge ready = bridge;
        if (ready != null) {
            ready.clearStop();
        }
        if (request.storeHistory()) {
            executionCount++;
        }
        int count = executionCount;
        widgets.requestStarted(context);
        if (!request.silent()) {
            context.executeInput(request.code(), count);
        }
        JShellBridge b = bridge();
        if (ready == null) {
            b.clearStop(); // an interrupt during JShell's warm-up is seen through `interrupts` below
        }
        engine.clearInterrupt();
        JsonNode metadata = context.metadata();
        RunEvents events = presenter.forRequest(context);
        List<String> deleted = CellIds.deleted(metadata);
        if (!deleted.isEmpty()) {
            engine.deleteCells(deleted, events);
            widgets.cellsDeleted(deleted);
            deleted.forEach(presenter::forget);
        }
        if (!startupDone) {
            startupDone = true; // --classpath, --maven, --startup: once, before the first cell's code
            libraries.runStartup(startup, engine, context);
        }
        String code = request.code();
        if (code.isBlank()) {
            return ExecuteReply.ok(count, Map.of());
        }
        if (interrupts != interruptsBefore) {
            String message = "Interrupted before the cell started (the kernel was still starting JShell).";
            context.error("Interrupted", message, List.of(message));
            return ExecuteReply.error(count, "Interrupted", message, List.of(message));
        }
        if (Magics.isMagic(code)) {
            return runMagicCell(request, code, count, context);
        }
        return runCode(request, code, count, context);
    }

    /** Java code of a request (a whole cell, or what follows its magic lines). */
    private ExecuteReply runCode(ExecuteRequest request, String code, int count, ExecutionContext context) {
        String cellId = CellIds.cellId(context.metadata());
        RunEvents events = presenter.forRequest(context);
        CellOutcome outcome;
        if (cellId != null && !request.silent()) {
            outcome = engine.runCell(cellId, code, count, events, () -> CellIds.queued(context));
        } else if (request.silent()) {
            outcome = engine.runDetached(code, CellIO.DISCARD);
        } else {
            outcome = engine.runUntracked(code, count, events);
        }
        if (request.storeHistory()) {
            history.add(count, request.code(), outcome.ok() && outcome.hasValue()
                    ? String.valueOf(MimeBundle.of(outcome.value()).get("text/plain")) : "");
        }
        if (!outcome.ok()) {
            return ExecuteReply.error(count, PlainText.withoutJShellNames(outcome.error().ename()),
                    PlainText.withoutJShellNames(outcome.error().evalue()),
                    outcome.error().traceback().stream().map(PlainText::withoutJShellNames).toList());
        }
        return ExecuteReply.ok(count, userExpressions(request.userExpressions()));
    }

    /**
     * A cell that starts with magics: they run in order, then the Java code below them as an ordinary cell.
     * %time / %%time time what follows them (the rest of the cell).
     */
    private ExecuteReply runMagicCell(ExecuteRequest request, String code, int count, ExecutionContext context) {
        MagicCell cell = MagicCell.parse(code);
        MagicOutput out = MagicOutputs.of(context);
        CellTimer timer = null;
        String java = cell.javaCode();
        try {
            if (cell.cellMagic() != null) {
                if (CellTimer.isTimeMagic(cell.cellMagic())) {
                    timer = CellTimer.start();
                    cell = MagicCell.parse(cell.cellMagic().body());
                    java = cell.javaCode();
                } else {
                    MagicOutputs.show(magics.run(cell.cellMagic(), true, out), context);
                }
            }
            for (MagicCell.Call call : cell.lineMagics()) {
                if (CellTimer.isTimeMagic(call)) {
                    timer = timer != null ? timer : CellTimer.start();
                    java = call.args() + java; // `%time expr`: the expression stands on the magic's line
                } else if (SparkMagic.handles(call)) {
                    SparkMagic.Prelude prelude = sparkMagic.prelude(call.args(), out);
                    prelude.shown().forEach(bundle -> MagicOutputs.show(bundle, context));
                    java = prelude.java() + java; // one line in front: the cell's line numbers stay
                } else if (LoadMagic.isLoad(call)) {
                    ExecuteReply failed = runLoaded(LoadMagic.pieces(call.args()), count, context);
                    if (failed != null) {
                        return failed;
                    }
                } else {
                    MagicOutputs.show(magics.run(call, false, out), context);
                }
            }
        } catch (Magics.MagicException e) {
            List<String> traceback = List.of("MagicError: " + e.getMessage());
            context.error("MagicError", e.getMessage(), traceback);
            return ExecuteReply.error(count, "MagicError", e.getMessage(), traceback);
        }
        ExecuteReply reply = java.isBlank() ? ExecuteReply.ok(count, Map.of()) : runCode(request, java, count, context);
        if (timer != null) {
            context.stream("stdout", timer.report() + "\n");
        }
        libraries.afterCell(engine, presenter.forRequest(context));
        return reply;
    }

    /** %load: each piece (a file, or a notebook's code cell) runs as an untracked cell, in order. */
    private ExecuteReply runLoaded(List<LoadMagic.Piece> pieces, int count, ExecutionContext context) {
        for (LoadMagic.Piece piece : pieces) {
            MagicCell inner = MagicCell.parse(piece.code());
            for (MagicCell.Call call : inner.lineMagics()) {
                MagicOutputs.show(magics.run(call, false, MagicOutputs.of(context)), context);
            }
            if (inner.javaCode().isBlank()) {
                continue;
            }
            String stoppedAt = "%load stopped at " + piece.origin() + ": ";
            RunEvents events = presenter.forRequest(context).withErrorPrefix(stoppedAt);
            CellOutcome outcome = engine.runUntracked(inner.javaCode(), count, events);
            if (!outcome.ok()) {
                String where = stoppedAt + outcome.error().evalue();
                return ExecuteReply.error(count, outcome.error().ename(), where, outcome.error().traceback());
            }
        }
        return null;
    }

    private Map<String, Object> userExpressions(Map<String, String> expressions) {
        Map<String, Object> results = new LinkedHashMap<>();
        expressions.forEach((name, expression) -> {
            CellOutcome outcome = engine.runDetached(expression, CellIO.DISCARD);
            if (outcome.ok()) {
                results.put(name, Map.of("status", "ok",
                        "data", outcome.hasValue() ? MimeBundle.of(outcome.value()) : Map.of("text/plain", ""),
                        "metadata", Map.of()));
            } else {
                results.put(name, Map.of("status", "error", "ename", outcome.error().ename(),
                        "evalue", outcome.error().evalue(), "traceback", outcome.error().traceback()));
            }
        });
        return results;
    }

    @Override
    public CompleteReply complete(CompleteRequest request) {
        String code = request.code();
        int cursor = Math.min(Math.max(request.cursorPos(), 0), code.length());
        MagicCompletion magic = MagicCompletion.of(code, cursor, magics.names());
        if (magic != null) {
            return CompleteReply.of(magic.matches(), magic.start(), cursor, Map.of());
        }
        Completion c = bridge().complete(code, cursor);
        // JupyterLab and VS Code show the kind of each match from this (IPython's shape: ints for start/end).
        List<Map<String, Object>> types = new ArrayList<>();
        for (int i = 0; i < c.matches().size(); i++) {
            types.add(Map.of("text", c.matches().get(i), "type", i < c.kinds().size() ? c.kinds().get(i) : "",
                    "start", c.cursorStart(), "end", c.cursorEnd()));
        }
        return CompleteReply.of(c.matches(), c.cursorStart(), c.cursorEnd(),
                Map.of("_jupyter_types_experimental", types));
    }

    @Override
    public InspectReply inspect(InspectRequest request) {
        int cursor = Math.min(Math.max(request.cursorPos(), 0), request.code().length());
        return bridge().inspect(request.code(), cursor)
                .map(InspectReply::found)
                .orElse(InspectReply.notFound());
    }

    @Override
    public IsCompleteReply isComplete(IsCompleteRequest request) {
        String code = request.code();
        if (Magics.isMagic(code)) {
            code = MagicCell.parse(code).javaCode(); // magic lines are complete; the Java below them may not be
            if (code.isBlank()) {
                return IsCompleteReply.complete();
            }
        }
        Completeness c = bridge().isComplete(code);
        return switch (c.status()) {
            case COMPLETE -> IsCompleteReply.complete();
            case INCOMPLETE -> IsCompleteReply.incomplete(c.indent());
            case INVALID -> IsCompleteReply.invalid();
        };
    }

    @Override
    public HistoryReply history(HistoryRequest request) {
        return HistoryReply.of(history.answer(request));
    }

    @Override
    public CommInfoReply commInfo(CommInfoRequest request) {
        return widgets.commInfo(request.targetName());
    }

    @Override
    public boolean commOpen(CommRequest request, ExecutionContext context) {
        return widgets.commOpen(request, context);
    }

    @Override
    public void commMsg(CommRequest request, ExecutionContext context) {
        widgets.commMsg(request, context);
    }

    @Override
    public void commClose(CommRequest request, ExecutionContext context) {
        widgets.commClose(request);
    }

    @Override
    public void interrupt() {
        interrupts++;
        ReactiveEngine e = engine;
        if (e != null) {
            e.interrupt();
        }
        JShellBridge b = bridge;
        if (b != null) {
            b.stop();
        }
    }

    @Override
    public void shutdown(boolean restart) {
        widgets.closeAll();
        JShellBridge b = bridge;
        if (b != null) {
            b.stop();
        }
        SparkGlue s = spark;
        if (s != null) {
            s.shutdown(); // executors and ports released; bounded, the watchdog below still applies
        }
        presenter.close();
        // The protocol sends the reply and tears the sockets down; should anything in that teardown hang,
        // the process still ends, since the client waits for it to exit (and restarts it).
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException ignored) {
                // exit now
            }
            Runtime.getRuntime().halt(0);
        }, "reflow-shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
