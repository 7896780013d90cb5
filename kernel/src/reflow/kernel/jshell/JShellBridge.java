package reflow.kernel.jshell;

import java.io.File;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.StatementSnippet;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import reflow.kernel.notebook.Notebook;
import reflow.kernel.notebook.NotebookRuntime;

/**
 * The one place where Java code is compiled and run: an in-process JShell whose snippets execute on a
 * kernel-owned cell thread ({@link CellThread}), with stop (cooperative, escalated when code does not
 * stop), a System.exit guard, raw values, and errors mapped to cell lines.
 *
 * <p>Use from one thread at a time; only {@link #stop()} may be called from any thread.
 */
public final class JShellBridge implements AutoCloseable {
    /** The name used for the current cell in messages ("cell line 3, column 9"). */
    public static final String DEFAULT_CELL_NAME = "cell";

    /** JShell's DEFAULT startup imports, java.time, and the notebook functions. */
    private static final List<String> STARTUP = List.of(
            "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
            "import java.util.prefs.*;", "import java.util.regex.*;", "import java.util.stream.*;",
            "import java.time.*;", // beyond the jshell tool's defaults: notebooks use dates all the time
            "import static reflow.kernel.notebook.Notebook.*;", "import reflow.kernel.notebook.Renderers;",
            "import reflow.kernel.widgets.*;", "import static reflow.kernel.widgets.Widgets.*;");

    /** {@code -Dreflow.recompileAll=true}: compile every snippet on every run, as JShell alone does (for comparisons). */
    public static final String RECOMPILE_ALL_PROPERTY = "reflow.recompileAll";

    private static final String WARM_UP = "String $reflowWarmUp = java.util.stream.IntStream.range(0, 3)"
            + ".mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(\",\"));";

    private final SnippetExecutionControl control;
    private final CellThread cellThread;
    private final JShell jshell;
    private final CellRouting routing;
    private final CellNotebookRuntime notebookRuntime;
    private final SourceAssist assist;
    private final RejectionGuard rejectionGuard;
    private final CompiledCells compiledCells;
    private final JShellRetention retention;
    private final RelevantImports imports;
    private final Map<String, SnippetOrigin> origins = new ConcurrentHashMap<>();
    private long evaluations;
    private volatile CellListener cellListener = CellListener.NONE;

    public JShellBridge() {
        this.routing = CellRouting.install();
        this.notebookRuntime = new CellNotebookRuntime(routing);
        Notebook.install(notebookRuntime);
        this.control = new SnippetExecutionControl(JShellBridge.class.getClassLoader());
        this.cellThread = new CellThread(control, control.snippetClassLoader(), routing::abandoned);
        this.jshell = JShell.builder()
                .executionEngine(control.asProvider(), Map.of())
                .out(System.err).err(System.err)
                .build();
        jshell.addToClasspath(kernelClassPath());
        for (String source : STARTUP) {
            for (SnippetEvent e : jshell.eval(source)) {
                if (e.status() == Snippet.Status.REJECTED) {
                    throw new IllegalStateException("JShell startup failed on " + source + ": "
                            + jshell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).collect(Collectors.joining("; ")));
                }
            }
        }
        this.imports = RelevantImports.install(jshell); // before the retention reads the list it replaces
        if (imports.unavailableReason() != null) {
            reflow.protocol.KernelLog.warn(imports.unavailableReason());
        }
        this.rejectionGuard = new RejectionGuard(jshell, this);
        this.compiledCells = new CompiledCells(jshell, control, !Boolean.getBoolean(RECOMPILE_ALL_PROPERTY));
        this.retention = JShellRetention.of(jshell, control::forgetSnippetClasses, compiledCells::keptWrapperClasses);
        if (retention.unavailableReason() != null) {
            reflow.protocol.KernelLog.warn(retention.unavailableReason());
        }
        this.assist = new SourceAssist(jshell.sourceCodeAnalysis(), () -> new LinkedHashSet<>(variableNames()));
    }

    /**
     * Builds the bridge in the background and runs a warm-up snippet (compile, load, run, complete), so the
     * kernel can answer kernel_info at once and the first real cell does not pay JShell's start-up cost.
     */
    public static CompletableFuture<JShellBridge> startAsync() {
        return startAsync(() -> false);
    }

    /**
     * The same, but the warm-up snippet and completion are skipped when {@code needed} says a request is
     * already waiting for the bridge: they would only delay it (its own compile warms JShell up as well).
     */
    public static CompletableFuture<JShellBridge> startAsync(BooleanSupplier needed) {
        CompletableFuture<JShellBridge> result = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                long start = System.nanoTime();
                JShellBridge bridge = new JShellBridge();
                long built = System.nanoTime();
                String warmUp = needed.getAsBoolean() ? "skipped: a request was waiting" : bridge.warmUp(needed);
                long ready = System.nanoTime();
                reflow.protocol.KernelLog.info("JShell ready in " + (ready - start) / 1_000_000 + " ms (built with imports "
                        + (built - start) / 1_000_000 + ", warm-up " + warmUp + ")");
                result.complete(bridge);
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "reflow-jshell-start");
        starter.setDaemon(true);
        starter.start();
        return result;
    }

    /** Compiles and runs a snippet and completes a name, unless a request starts waiting in between. */
    private String warmUp(BooleanSupplier needed) {
        long start = System.nanoTime();
        evaluate(WARM_UP, CellIO.DISCARD);
        drop("$reflowWarmUp");
        long evaluated = System.nanoTime();
        String eval = "eval " + (evaluated - start) / 1_000_000;
        if (needed.getAsBoolean()) {
            return eval + ", completion skipped";
        }
        complete("String.valueO", 13);
        return eval + ", completion " + (System.nanoTime() - evaluated) / 1_000_000;
    }

    /** Adds jars or class folders to what cells can compile against and load (the %classpath magic). */
    public void addToClasspath(String path) {
        jshell.addToClasspath(path);
        compiledCells.classPathChanged();
    }

    /**
     * How many cell snippets JShell compiled, and how many re-ran their compiled code instead, since the
     * bridge started (the %compilations magic; tests count recompiles with it).
     */
    public Map<String, Long> compilationCounts() {
        return Map.of("compiled", compiledCells.compiledCount(), "reused", compiledCells.reusedCount(),
                "kept", (long) compiledCells.size(), "importsLeftOut", imports.linesLeftOut());
    }

    /** The class loader of the classes and records declared in cells (strict mode's copier needs it). */
    public ClassLoader snippetClassLoader() {
        return control.snippetClassLoader();
    }

    /** Told on the cell thread when each cell starts and ends, and when a stop is requested. */
    public void setCellListener(CellListener listener) {
        this.cellListener = listener == null ? CellListener.NONE : listener;
    }

    /** Sees (and may rewrite) each snippet class before it is defined; see {@link SnippetClassHook}. */
    public void setClassHook(SnippetClassHook hook) {
        control.setClassHook(hook == null ? SnippetClassHook.NONE : hook);
    }

    /** The kernel's strict-mode copy functions (zeroCopy, shallowCopy); identity until this is called. */
    public void setCopyFunctions(NotebookRuntime copies) {
        notebookRuntime.setCopies(copies);
    }

    public CellOutcome evaluate(String cellSource, CellIO io) {
        return evaluate(cellSource, DEFAULT_CELL_NAME, io);
    }

    /**
     * Evaluates a cell snippet by snippet, stopping at the first rejected snippet or escaping exception.
     * {@code cellName} (e.g. "cell [4]") names this cell in messages and in later tracebacks.
     */
    public CellOutcome evaluate(String cellSource, String cellName, CellIO io) {
        long evaluation = ++evaluations;
        return cellThread.run(() -> {
            routing.begin(io);
            CellListener listener = cellListener;
            try {
                listener.cellStarting();
                return new CellEvaluation(cellSource, cellName, evaluation).run();
            } finally {
                listener.cellFinished();
                routing.end();
                Thread.interrupted();
                retention.pruneReplaced();
            }
        });
    }

    /**
     * Runs kernel code that calls into cell code (a widget's listener) on the cell thread, as a cell runs:
     * its output goes to {@code io}, an interrupt stops it, and what it throws becomes the outcome's error.
     */
    public CellOutcome runCallback(Runnable callback, CellIO io) {
        return cellThread.run(() -> {
            routing.begin(io);
            try {
                callback.run();
                return new CellOutcome(false, null, null, List.of());
            } catch (RuntimeException | Error e) {
                return new CellOutcome(false, null, runtimeErrorOf(e), List.of());
            } finally {
                routing.end();
                Thread.interrupted();
            }
        });
    }

    /** A listener's exception: its headline and the frames of cell code (the kernel's own frames say nothing). */
    private CellError runtimeErrorOf(Throwable thrown) {
        if (control.stopSignal().isRequested() || thrown instanceof Interruption.Stopped) {
            String message = "Interrupted: the widget listener was stopped";
            return new CellError(CellError.Kind.INTERRUPTED, "Interrupted", message, List.of(message));
        }
        List<String> traceback = new ArrayList<>();
        traceback.add(Traceback.headline(thrown));
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().startsWith("REPL.")) {
                traceback.add("    at " + frame.getMethodName().replace("lambda$", "").replaceAll("\\$\\d+$", "")
                        + " (a cell's code)");
            }
        }
        return new CellError(CellError.Kind.RUNTIME, Traceback.className(thrown),
                thrown.getMessage() == null ? "" : thrown.getMessage(), traceback);
    }

    /**
     * The notebook's cells' current sources: compiled code is kept for those, and code of their earlier
     * versions is let go (see {@link CompiledCells#pruneToLiveCells}).
     */
    public void keepCompiledCodeOf(java.util.function.Supplier<java.util.Collection<String>> cellSources) {
        compiledCells.keepCodeOf(cellSources);
    }

    /** Stops the running cell, from any thread; the request stays in force until {@link #clearStop()}. */
    public void stop() {
        cellListener.stopRequested();
        control.stop();
        cellThread.stopRequested();
    }

    /**
     * Forgets an earlier stop request. The kernel calls this when a new request starts, not per cell: a stop
     * that arrives between two cells of one request (a reactive cascade) must stop the later cells too.
     */
    public void clearStop() {
        control.stopSignal().reset();
    }

    /** A redeclaration that ran as an assignment, and the error that escaped it (or null). */
    private record Assigned(CellError error) {}

    /** The evaluation of one cell; holds the state that maps snippets back to the cell. */
    private final class CellEvaluation {
        private final String source;
        private final String cellName;
        private final long evaluation;
        private final CellText text;
        private final Set<String> definedNames = new LinkedHashSet<>();
        private final Set<Definition> declared = new LinkedHashSet<>();
        private final Map<String, Definition> reset = new LinkedHashMap<>();
        private final List<String> failedVariables = new ArrayList<>();

        CellEvaluation(String source, String cellName, long evaluation) {
            this.source = source;
            this.cellName = cellName;
            this.evaluation = evaluation;
            this.text = new CellText(source);
        }

        CellOutcome run() {
            boolean hasValue = false;
            Object value = null;
            for (SourceSnippet piece : compiledCells.split(source)) {
                if (!piece.isComplete()) {
                    return failed(unfinished(piece));
                }
                control.clearCapture();
                hasValue = false;
                value = null;
                CompiledCells.Compiled compiled = compiledCells.reusable(piece.source());
                if (compiled != null) {
                    CellError error = rerun(compiled, piece);
                    if (error != null) {
                        return failed(error);
                    }
                    hasValue = compiled.producesValue();
                    value = hasValue ? control.lastValue() : null;
                    continue;
                }
                compiledCells.countCompile(); // once per snippet, even when an assignment is tried first
                Redeclaration redeclaration = Redeclaration.of(jshell, piece.source());
                Assigned assigned = redeclaration == null ? null : assign(redeclaration, piece);
                if (assigned != null) {
                    if (assigned.error() != null) {
                        return failed(assigned.error());
                    }
                    continue;
                }
                List<SnippetEvent> events = evalWithRelevantImports(piece.source());
                events.forEach(JShellBridge.this::forgetIfGone);
                // A rejected redefinition makes dependents unusable only until the guard restores the old
                // declaration, which brings them back with their values: nothing was reset then.
                if (events.stream().noneMatch(e -> e.causeSnippet() == null && e.status() == Snippet.Status.REJECTED)) {
                    events.stream().filter(e -> e.causeSnippet() != null).forEach(this::dependentUpdated);
                }
                for (SnippetEvent event : events) {
                    if (event.causeSnippet() != null) {
                        continue; // an update of a dependent snippet, handled above
                    }
                    Snippet snippet = event.snippet();
                    origins.put(snippet.id(), new SnippetOrigin(evaluation, cellName, text.lineOf(piece.start())));
                    if (event.status() == Snippet.Status.REJECTED) {
                        CellError error = compileError(snippet, piece);
                        rejectionGuard.restoreAfterRejection(events);
                        return failed(error);
                    }
                    if (event.exception() != null) {
                        CellError error = runtimeError(event.exception());
                        undefineFailed(snippet);
                        return failed(error);
                    }
                    noteUnresolved(event);
                    recordDefinedName(event);
                    hasValue = producesValue(snippet);
                    value = hasValue ? control.lastValue() : null;
                    if (events.stream().filter(e -> e.causeSnippet() == null).count() == 1) {
                        compiledCells.remember(piece.source(), snippet, declaredName(snippet) != null ? snippet : null);
                    }
                    dropTemporary(snippet);
                }
            }
            return new CellOutcome(hasValue, value, null, List.copyOf(definedNames), changes());
        }

        /**
         * Runs a redeclaration with the same type as an assignment to the existing variable (see
         * {@link Redeclaration}). Null when JShell rejected the assignment: the declaration is then evaluated
         * as written. A failing initializer leaves the name undefined, as a failing declaration does.
         */
        private Assigned assign(Redeclaration redeclaration, SourceSnippet piece) {
            List<SnippetEvent> events = imports.compile(redeclaration.assignment(), () -> jshell.eval(redeclaration.assignment()));
            SnippetEvent main = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
            if (main == null || main.status() != Snippet.Status.VALID || events.size() != 1) {
                events.forEach(e -> {
                    if (e.status().isActive()) {
                        jshell.drop(e.snippet()).forEach(JShellBridge.this::forgetIfGone);
                    }
                });
                return null;
            }
            origins.put(main.snippet().id(), new SnippetOrigin(evaluation, cellName, text.lineOf(piece.start())));
            if (main.exception() != null) {
                CellError error = runtimeError(main.exception());
                dropTemporary(main.snippet());
                undefineFailed(redeclaration.variable());
                return new Assigned(error);
            }
            compiledCells.remember(piece.source(), main.snippet(), redeclaration.variable());
            recordDefinition(redeclaration.variable());
            dropTemporary(main.snippet());
            return new Assigned(null);
        }

        /**
         * One snippet through JShell, compiled against the imports it can need ({@link RelevantImports}). A
         * snippet rejected for an unknown name then is evaluated once more against every import, so the
         * filter can never turn code JShell accepts into an error.
         */
        private List<SnippetEvent> evalWithRelevantImports(String source) {
            rejectionGuard.before(source);
            List<SnippetEvent> events = imports.compile(source, () -> jshell.eval(source));
            if (imports.lastCompileFiltered() && rejectedForAnUnknownName(events)) {
                reflow.protocol.KernelLog.info("a snippet was rejected for an unknown name with only its imports;"
                        + " compiling it again against all of them");
                rejectionGuard.restoreAfterRejection(events);
                rejectionGuard.before(source);
                events = jshell.eval(source);
            }
            return events;
        }

        private boolean rejectedForAnUnknownName(List<SnippetEvent> events) {
            return events.stream()
                    .filter(e -> e.causeSnippet() == null && e.status() == Snippet.Status.REJECTED)
                    .anyMatch(e -> jshell.diagnostics(e.snippet()).anyMatch(d -> d.getCode().contains("cant.resolve")));
        }

        /** Runs a snippet's compiled code again; the error that escaped it, or null. */
        private CellError rerun(CompiledCells.Compiled compiled, SourceSnippet piece) {
            Snippet snippet = compiled.snippet();
            origins.put(snippet.id(), new SnippetOrigin(evaluation, cellName, text.lineOf(piece.start())));
            if (compiled.doIt() != null) {
                try {
                    control.invokeCompiled(compiled.doIt());
                } catch (jdk.jshell.spi.ExecutionControl.RunException e) {
                    CellError error = runtimeError(compiledCells.translate(e));
                    if (compiled.declares() instanceof VarSnippet variable) {
                        undefineFailed(variable);
                    }
                    return error;
                } catch (jdk.jshell.spi.ExecutionControl.InternalException e) {
                    String message = "Reflow could not re-run this cell's compiled code (" + e.getMessage()
                            + "). Run it again; if it keeps failing, restart the kernel.";
                    return new CellError(CellError.Kind.RUNTIME, "KernelError", message, List.of("KernelError: " + message));
                }
            }
            if (compiled.declares() != null) {
                recordDefinition(compiled.declares());
            }
            if (declaredName(snippet) == null) {
                origins.remove(snippet.id()); // as a statement's is when JShell drops it
            }
            return null;
        }

        private void recordDefinition(Snippet snippet) {
            String name = declaredName(snippet);
            if (name != null) {
                definedNames.add(name);
            }
            Definition definition = Definition.of(snippet);
            if (definition != null) {
                declared.remove(definition);
                declared.add(definition);
            }
        }

        private CellOutcome failed(CellError error) {
            return new CellOutcome(false, null, error, List.copyOf(definedNames), changes());
        }

        private SessionChanges changes() {
            // A variable this cell declares again after a redefinition reset it was rebuilt, not lost.
            List<SessionChanges.Reset> lost = new ArrayList<>();
            reset.forEach((variable, cause) -> {
                if (!declared.contains(Definition.variable(variable))) {
                    lost.add(new SessionChanges.Reset(variable, cause));
                }
            });
            if (lost.size() > 1) {
                // JShell's event order for dependents is its own (it shifts when the startup snippets
                // change): report them in the order they were declared (the latest snippet of a name counts).
                Map<String, Integer> position = new java.util.HashMap<>();
                int[] next = {0};
                jshell.snippets().forEach(snippet -> {
                    if (snippet instanceof VarSnippet v) {
                        position.put(v.name(), next[0]++);
                    }
                });
                lost.sort(java.util.Comparator.comparingInt(r -> position.getOrDefault(r.variable(), Integer.MAX_VALUE)));
            }
            return new SessionChanges(List.copyOf(declared), failedVariables, lost);
        }

        private void recordDefinedName(SnippetEvent event) {
            String name = declaredName(event.snippet());
            if (name != null && event.status().isActive()) {
                definedNames.add(name);
            }
            Definition definition = Definition.of(event.snippet());
            if (definition != null && event.status().isActive()) {
                declared.remove(definition); // keep the order of the last declaration
                declared.add(definition);
            }
        }

        /**
         * JShell updates the snippets that depend on a changed declaration. A variable among them has lost
         * its value (reset to null or zero, or unusable until its type comes back): drop it, so the name is
         * undefined instead of silently null, and report it so its cell can run again.
         */
        private void dependentUpdated(SnippetEvent event) {
            if (event.snippet() instanceof VarSnippet v && v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                    && event.status().isActive()) {
                // The root cause is what the user changed; a variable dropped on the way passes it on.
                Definition cause = Definition.of(event.causeSnippet());
                reset.putIfAbsent(v.name(), reset.getOrDefault(event.causeSnippet() instanceof VarSnippet c
                        ? c.name() : "", cause));
                dropWithDependents(v);
            }
        }

        /** A variable whose initializer threw holds no value the cell meant: the name becomes undefined. */
        private void undefineFailed(Snippet snippet) {
            if (snippet instanceof VarSnippet v && v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                    && jshell.status(v).isActive()) {
                failedVariables.add(v.name());
                dropWithDependents(v);
            }
        }

        private void dropWithDependents(VarSnippet variable) {
            List<SnippetEvent> events = jshell.drop(variable);
            events.forEach(JShellBridge.this::forgetIfGone);
            events.stream().filter(e -> e.causeSnippet() != null).forEach(this::dependentUpdated);
        }

        private CellError unfinished(SourceSnippet piece) {
            CompileErrorText format = new CompileErrorText(source, cellName);
            String headline = format.where(piece.start())
                    + ": this code is not finished: a '}', ')' or ';' is missing before the end of the cell";
            List<String> traceback = new ArrayList<>();
            traceback.add(headline);
            traceback.addAll(format.sourceWithMarker(piece.start(), piece.start(), piece.start() + 1));
            return new CellError(CellError.Kind.COMPILE, "CompileError", headline, traceback);
        }

        private CellError compileError(Snippet snippet, SourceSnippet piece) {
            CompileErrorText format = new CompileErrorText(source, cellName);
            List<String> traceback = new ArrayList<>();
            for (Diag diag : jshell.diagnostics(snippet).filter(Diag::isError).toList()) {
                traceback.addAll(format.diagnostic(diag, piece.start(), piece.source().length()));
                traceback.addAll(ImportHint.lines(jshell.sourceCodeAnalysis(), diag, piece.source()));
            }
            if (traceback.isEmpty()) {
                traceback.add(format.where(piece.start()) + ": JShell rejected this code");
                traceback.addAll(format.sourceWithMarker(piece.start(), piece.start(), piece.start() + 1));
            }
            return new CellError(CellError.Kind.COMPILE, "CompileError", traceback.get(0), traceback);
        }

        private CellError runtimeError(JShellException exception) {
            Traceback traceback = new Traceback(origins, evaluation);
            if (exception instanceof UnresolvedReferenceException unresolved) {
                String message = unresolvedMessage(unresolved.getSnippet());
                return new CellError(CellError.Kind.RUNTIME, "UnresolvedReferenceException", message, List.of(message));
            }
            // Prefer the real Throwable: it has the real class and the complete cause chain.
            Throwable thrown = control.lastThrown() != null ? control.lastThrown() : exception;
            ExitGuard.Blocked exit = findExit(thrown);
            if (exit != null) {
                String at = traceback.firstUserFrame(exception);
                String message = exit.getMessage() + (at == null ? "" : " (at " + at + ")");
                return new CellError(CellError.Kind.EXIT, "SystemExitBlocked", message, List.of(message));
            }
            if (control.stopSignal().isRequested() || thrown instanceof Interruption.Stopped) {
                String at = traceback.firstUserFrame(exception);
                String message = "Interrupted: the cell was stopped" + (at == null ? "" : " at " + at);
                return new CellError(CellError.Kind.INTERRUPTED, "Interrupted", message, List.of(message));
            }
            String message = thrown.getMessage() == null ? "" : thrown.getMessage();
            return new CellError(CellError.Kind.RUNTIME, Traceback.className(thrown), message,
                    traceback.lines(exception, control.lastThrown()));
        }

        private void noteUnresolved(SnippetEvent event) {
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                DeclarationSnippet declaration = (DeclarationSnippet) event.snippet();
                String missing = String.join(", ", jshell.unresolvedDependencies(declaration).toList());
                routing.note("stderr", "note: " + describe(declaration) + " is declared, but it cannot be used until "
                        + (missing.isEmpty() ? "its errors are fixed" : missing + " is declared") + "\n");
            }
        }
    }

    /**
     * A snippet that was replaced or dropped no longer runs (its cell line mapping is not needed): forget
     * it, so a long session does not keep one entry per snippet it ever ran.
     */
    private void forgetIfGone(SnippetEvent event) {
        if (event.status() == Snippet.Status.OVERWRITTEN || event.status() == Snippet.Status.DROPPED) {
            origins.remove(event.snippet().id());
        }
    }

    /** Sizes of what the bridge holds per snippet, for tests and benchmarks that look for unbounded growth. */
    public Map<String, Long> retainedState() {
        Map<String, Long> state = new LinkedHashMap<>(Map.of("cellLineMappings", (long) origins.size(),
                "pendingClassBytes", (long) control.pendingClassCount(),
                "jshellSnippets", jshell.snippets().count(),
                "activeSnippets", jshell.snippets().filter(s -> jshell.status(s).isActive()).count()));
        state.putAll(retention.sizes());
        state.put("liveSnippetClasses", (long) control.liveSnippetClassCount());
        state.put("snippetLoadersAlive", (long) control.batchLoadersAlive());
        return state;
    }

    private static ExitGuard.Blocked findExit(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ExitGuard.Blocked blocked) {
                return blocked;
            }
        }
        return null;
    }

    private String unresolvedMessage(DeclarationSnippet snippet) {
        if (snippet == null) { // code of a snippet that was replaced since (JShell has forgotten it)
            return "Cannot run code of a replaced declaration: it refers to something that is not declared."
                    + " Run the cell that uses it again.";
        }
        String missing = String.join(", ", jshell.unresolvedDependencies(snippet).toList());
        return "Cannot use " + describe(snippet) + ": it refers to " + (missing.isEmpty() ? "something" : missing)
                + ", which is not declared yet. Declare it, then run this cell again.";
    }

    private static String describe(DeclarationSnippet snippet) {
        if (snippet instanceof MethodSnippet m) {
            return "method " + m.name() + "(" + m.parameterTypes() + ")";
        }
        if (snippet instanceof VarSnippet v) {
            return "variable " + v.name();
        }
        return "type " + snippet.name();
    }

    /** An expression whose value the user wants to see: not an assignment, declaration or void call. */
    static boolean producesValue(Snippet snippet) {
        if (snippet instanceof VarSnippet) {
            return snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        }
        return snippet instanceof ExpressionSnippet && snippet.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND;
    }

    /**
     * JShell keeps every expression's value in a {@code $N} variable, and compiles every later snippet
     * against all of them: a notebook of expressions gets slower cell by cell, and each {@code $N} keeps its
     * value (in strict mode, a copy) alive. The kernel already holds the value it shows, so the temporary
     * goes at once; {@code $N} names are not usable in Reflow cells. Statements and plain expressions
     * stay "active" in JShell forever although nothing can refer to them: they are dropped too, so a long
     * session's count of live snippets is its declarations.
     */
    private void dropTemporary(Snippet snippet) {
        boolean temporary = snippet instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        if (temporary || snippet instanceof StatementSnippet || snippet instanceof ExpressionSnippet) {
            jshell.drop(snippet).forEach(this::forgetIfGone);
        }
    }

    /** The top-level name a snippet declares, or null (imports, statements, expressions, $N temporaries). */
    static String declaredName(Snippet snippet) {
        if (snippet instanceof VarSnippet v) {
            return v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND ? null : v.name();
        }
        if (snippet instanceof MethodSnippet || snippet instanceof TypeDeclSnippet) {
            return ((DeclarationSnippet) snippet).name();
        }
        return null;
    }

    // ---- variables ---------------------------------------------------------------------------------

    /** Names of the current top-level variables, in declaration order ($N temporaries excluded). */
    public List<String> variableNames() {
        return jshell.variables()
                .filter(v -> jshell.status(v).isActive() && v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND)
                .map(VarSnippet::name)
                .distinct()
                .toList();
    }

    /** Every name an active snippet declares (variables, methods, types), $N temporaries excluded. */
    public Set<String> declaredNames() {
        Set<String> names = new LinkedHashSet<>();
        jshell.snippets().filter(s -> jshell.status(s).isActive()).forEach(s -> {
            String name = declaredName(s);
            if (name != null) {
                names.add(name);
            }
        });
        return names;
    }

    /** JShell's declared type of a variable (e.g. "List<String>"), or null when there is no such variable. */
    public String typeOf(String varName) {
        return findVariable(varName).map(VarSnippet::typeName).orElse(null);
    }

    /** The current value of a top-level variable (also $N temporaries). */
    public Object valueOf(String varName) {
        try {
            return variableField(varName).get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read variable " + varName + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the value of a top-level variable; the value must fit the declared type. */
    public void setValue(String varName, Object value) {
        try {
            variableField(varName).set(null, value);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot set variable " + varName + " (type " + typeOf(varName) + ") to "
                    + (value == null ? "null" : "a " + value.getClass().getName()) + ": " + e.getMessage(), e);
        }
    }

    /** Drops every active snippet that declares {@code name}: variable, method (all overloads) or type. */
    public void drop(String name) {
        jshell.snippets()
                .filter(s -> jshell.status(s).isActive() && name.equals(declaredNameOrTemp(s)))
                .toList()
                .forEach(s -> jshell.drop(s).forEach(this::forgetIfGone));
    }

    /** Drops the active snippet that declares exactly this definition (one overload, not all of them). */
    public void drop(Definition definition) {
        jshell.snippets()
                .filter(s -> jshell.status(s).isActive() && definition.equals(Definition.of(s)))
                .toList()
                .forEach(s -> jshell.drop(s).forEach(this::forgetIfGone));
    }

    private static String declaredNameOrTemp(Snippet s) {
        return s instanceof VarSnippet v ? v.name() : declaredName(s);
    }

    private Optional<VarSnippet> findVariable(String varName) {
        return jshell.variables()
                .filter(v -> v.name().equals(varName) && jshell.status(v).isActive())
                .reduce((first, second) -> second);
    }

    private Field variableField(String varName) {
        VarSnippet variable = findVariable(varName)
                .orElseThrow(() -> new IllegalArgumentException("no variable named " + varName));
        if (jshell.status(variable) != Snippet.Status.VALID) {
            throw new IllegalStateException("variable " + varName + " cannot be used until "
                    + String.join(", ", jshell.unresolvedDependencies(variable).toList()) + " is declared");
        }
        String className = control.probeWrapperClass(() -> jshell.varValue(variable));
        try {
            Field field = control.snippetClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            return field;
        } catch (ClassNotFoundException | NoSuchFieldException e) {
            throw new IllegalStateException("variable " + varName + " has no storage in " + className, e);
        }
    }

    // ---- editor requests ---------------------------------------------------------------------------

    public Completion complete(String code, int cursor) {
        return assist.complete(code, cursor);
    }

    public Optional<Map<String, Object>> inspect(String code, int cursor) {
        return assist.inspect(code, cursor);
    }

    public Completeness isComplete(String code) {
        return assist.isComplete(code);
    }

    @Override
    public void close() {
        cellThread.close();
        jshell.close();
    }

    /** Where the kernel's own classes live, so snippets can compile against reflow.kernel.notebook.Notebook. */
    private static String kernelClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        CodeSource code = Notebook.class.getProtectionDomain().getCodeSource();
        if (code != null && code.getLocation() != null) {
            try {
                entries.add(Path.of(code.getLocation().toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException ignored) {
                // fall back to java.class.path below
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
