package reflow.kernel.reactive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import reflow.kernel.analysis.CellAnalysis;
import reflow.kernel.analysis.CellAnalyzer;
import reflow.kernel.graph.CellGraph;
import reflow.kernel.graph.Cycle;
import reflow.kernel.jshell.CellError;
import reflow.kernel.jshell.CellIO;
import reflow.kernel.jshell.CellOutcome;
import reflow.kernel.jshell.Definition;
import reflow.kernel.output.CellRef;
import reflow.kernel.output.RunCause;
import reflow.kernel.output.RunEvents;
import reflow.protocol.KernelLog;

/**
 * The reactive engine: keeps the cells the frontend identified, their dependency graph, and re-runs the
 * descendants of a cell after it runs (or marks them stale in lazy mode). It decides what runs and tells
 * {@link RunEvents} (started, note, finished, stale, skipped); how that looks is the presenter's business.
 * All methods run on the shell worker thread except {@link #interrupt()}.
 */
public final class ReactiveEngine {

    public enum Mode { ON, OFF, LAZY }

    private final CellAnalyzer analyzer = new CellAnalyzer();
    private final CellGraph graph = new CellGraph();
    private final Map<String, TrackedCell> cells = new LinkedHashMap<>();
    /** What JShell says the session holds: last definers, undefined names, values lost to redefinitions. */
    private final SessionReconciler reconciler = new SessionReconciler();
    private CellRunner runner;
    private volatile boolean interrupted;
    private int untrackedRuns;
    private Mode mode = Mode.ON;

    public ReactiveEngine(CellRunner runner) {
        this.runner = runner;
    }

    /** Switches between relaxed and strict execution; the graph and cells stay as they are. */
    public void setRunner(CellRunner runner) {
        this.runner = runner;
    }

    public Mode mode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    /** Stops the running cascade after the current cell; the bridge stops the cell itself. */
    public void interrupt() {
        interrupted = true;
    }

    /** Called when a new request starts: an interrupt only ever stops the request it arrived during. */
    public void clearInterrupt() {
        interrupted = false;
    }

    CellGraph graph() {
        return graph;
    }

    /** The current source of every tracked cell (a snapshot: the caller may be on the cell thread). */
    public List<String> trackedCellSources() {
        List<String> sources = new ArrayList<>(cells.size());
        for (TrackedCell cell : cells.values()) {
            if (cell.code != null) {
                sources.add(cell.code);
            }
        }
        return sources;
    }

    Map<String, TrackedCell> cells() {
        return cells;
    }

    /** {@code %deps [cell]}: the table for every tracked cell, or the one whose label is [{@code ref}]. */
    public Map<String, Object> depsTable(String ref) {
        List<TrackedCell> selected = new ArrayList<>(cells.values());
        if (ref != null && !ref.isBlank()) {
            String wanted = ref.strip().replace("[", "").replace("]", "");
            selected = selected.stream()
                    .filter(c -> String.valueOf(c.executionCount).equals(wanted) || c.id.equals(wanted)).toList();
            if (selected.isEmpty()) {
                return Map.of("text/plain", "No tracked cell [" + wanted + "]: give the execution count shown "
                        + "next to the cell, e.g. %deps 3.");
            }
        }
        return DepsTable.render(this, selected);
    }

    /** {@code %graph}: the dependency graph as SVG with a text fallback. */
    public Map<String, Object> graphPicture() {
        return GraphPicture.render(this);
    }

    /**
     * Runs a cell the frontend did not identify, as a normal kernel would: it is registered in the graph
     * under {@code run-<count>} (so strict mode knows what it defines and uses) but it never triggers
     * re-runs and is never re-run. What it cannot rebuild (values a redefinition reset) it names in notes.
     */
    public CellOutcome runUntracked(String code, int executionCount, RunEvents events) {
        CellRef ref = new CellRef(null, executionCount, "[" + executionCount + "] " + TrackedCell.firstLine(code));
        CellIO io = events.started(ref, RunCause.requested());
        CellOutcome outcome = runUntracked(code, executionCount, io);
        events.finished(ref, outcome);
        return outcome;
    }

    /** The same, with the output going to {@code io} as is (start-up files). */
    public CellOutcome runUntracked(String code, int executionCount, CellIO io) {
        CellAnalysis analysis = analyzer.analyze(code);
        String label = "[" + executionCount + "] " + TrackedCell.firstLine(code);
        String id = "run-" + executionCount + "-" + (++untrackedRuns);
        // A cell that defines nothing and needs no graph query leaves the graph (and its index) untouched.
        boolean inGraph = !analysis.defines().isEmpty() || runner.needsReferences();
        if (inGraph) {
            graph.put(id, analysis);
        }
        CellOutcome outcome = execute(inGraph ? id : null, code, analysis, io, false);
        SessionReconciler.Effects effects = reconciler.afterRun(id, label, analysis, outcome, cells::containsKey);
        effects.notes().forEach(n -> io.write("stderr", n + "\n"));
        effects.resetHolders().forEach((holder, why) -> io.write("stderr", "note: " + why + "; run "
                + label(holder) + " again to rebuild it (a cell run without a cell id does not re-run others)\n"));
        if (inGraph && analysis.defines().isEmpty()) {
            graph.remove(id); // nothing to remember: keeps the graph small for console-style use
        }
        return outcome;
    }

    /** Runs code outside the graph (silent requests, user_expressions). */
    public CellOutcome runDetached(String code, CellIO io) {
        CellAnalysis analysis = analyzer.analyze(code);
        CellOutcome outcome = execute(null, code, analysis, io, false);
        reconciler.declaredOutsideCells(outcome);
        return outcome;
    }

    /**
     * Runs one cell through the runner, unless it uses names whose cell failed or was reset (it is told
     * which cell and why instead). Never throws: a failure inside the kernel becomes the cell's error, so
     * the request still gets its own reply and execution count.
     */
    private CellOutcome execute(String id, String code, CellAnalysis analysis, CellIO io, boolean tracked) {
        if (reconciler.hasUndefinedNames()) {
            Set<String> references = new LinkedHashSet<>(analysis.uses());
            if (id != null) {
                references.addAll(graph.transitiveReferences(id));
            }
            CellError undefined = reconciler.undefinedNames(references, analysis.defines(), tracked, cells::containsKey);
            if (undefined != null) {
                return new CellOutcome(false, null, undefined, List.of());
            }
        }
        try {
            return runner.run(id == null ? CellRun.untracked(code, analysis) : runOf(id, code, analysis), io);
        } catch (RuntimeException | LinkageError e) {
            KernelLog.warn("engine: running a cell failed inside the kernel: " + e);
            String message = "Reflow could not finish running this cell (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). Run it again; if names behave "
                    + "oddly afterwards, restart the kernel.";
            return new CellOutcome(false, null, new CellError(CellError.Kind.RUNTIME, "KernelError", message,
                    List.of("KernelError: " + message)), List.of());
        }
    }

    /** What the runner needs to know about a cell from the graph. */
    private CellRun runOf(String id, String code, CellAnalysis analysis) {
        if (!runner.needsReferences()) {
            return new CellRun(id, code, analysis, Set.of(), Map.of(), Map.of());
        }
        Set<String> references = graph.transitiveReferences(id);
        Map<String, String> elsewhere = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        for (String name : references) {
            Set<String> definers = new LinkedHashSet<>(graph.definersOf(name));
            definers.remove(id);
            if (!definers.isEmpty()) {
                elsewhere.put(name, label(definers.iterator().next()));
            } else if (!analysis.defines().contains(name) && reconciler.lastDefinerLabel(name) != null) {
                missing.put(name, reconciler.lastDefinerLabel(name));
            }
        }
        return new CellRun(id, code, analysis, references, elsewhere, missing);
    }

    /**
     * Runs a cell the frontend identified by {@code cellId} as the user's request, then its cascade.
     * Returns the cell's own outcome (for the execute_reply). {@code queuedCellIds}: cells whose own requests
     * wait behind this one (Run All), left to those requests.
     */
    public CellOutcome runCell(String cellId, String code, int executionCount, RunEvents events,
                               Supplier<List<String>> queuedCellIds) {
        TrackedCell cell = cells.computeIfAbsent(cellId, TrackedCell::new);
        CellAnalysis previous = cell.analysis;
        cell.code = code;
        cell.analysis = analyzer.analyze(code);
        cell.executionCount = executionCount;
        graph.put(cellId, cell.analysis);

        CellRef ref = cell.ref();
        CellIO io = events.started(ref, RunCause.requested());
        cell.analysis.notes().forEach(n -> events.note(ref, "note: " + n));
        if (previous != null) {
            forgetRemovedNames(cell, previous, events);
        }
        Cycle cycle = cycleThrough(cellId);
        if (cycle != null) {
            CellOutcome failed = new CellOutcome(false, null, cycleError(cycle), List.of());
            events.finished(ref, failed);
            cell.stale = true;
            return failed;
        }
        if (mode == Mode.LAZY) {
            runStaleAncestors(cell, events);
        }
        CellOutcome outcome = execute(cellId, code, cell.analysis, io, true);
        Map<String, String> holders = reconcile(cell, outcome, events);
        finishRun(cell, ref, outcome, events);
        if (!outcome.ok()) {
            reportBlockedDescendants(cell, events);
            markHoldersStale(holders, events);
        } else if (mode == Mode.ON) {
            cascade(cell, holders, events, queuedCellIds);
        } else {
            if (mode == Mode.LAZY) {
                markDescendantsStale(cell, events);
            }
            markHoldersStale(holders, events);
        }
        return outcome;
    }

    /**
     * Re-runs, in dependency order, the tracked cells whose last run failed with an error {@code fixed}
     * accepts (a %maven line brought the class they missed), each followed by its cascade. Returns their labels.
     */
    public List<String> rerunFailed(Predicate<CellError> fixed, String why, RunEvents events) {
        List<String> failed = cells.values().stream()
                .filter(c -> c.lastError != null && fixed.test(c.lastError))
                .map(c -> c.id).toList();
        List<String> labels = new ArrayList<>();
        for (TrackedCell cell : tracked(graph.topologicalOrder(failed))) {
            CellRef ref = cell.ref();
            CellIO io = events.started(ref, RunCause.rerunAfter(null, why));
            CellOutcome outcome = execute(cell.id, cell.code, cell.analysis, io, true);
            Map<String, String> holders = reconcile(cell, outcome, events);
            finishRun(cell, ref, outcome, events);
            labels.add(cell.label());
            if (outcome.ok()) {
                cascade(cell, holders, events, List::of);
            } else {
                markHoldersStale(holders, events);
            }
        }
        return labels;
    }

    /** The label of the cell that last defined {@code name} ("[3] int n = 10;"), or null. */
    public String definerOf(String name) {
        return reconciler.lastDefinerLabel(name);
    }

    /** Cells the frontend deleted: their definitions leave the session and their users are told. */
    public void deleteCells(Collection<String> cellIds, RunEvents events) {
        for (String id : cellIds) {
            TrackedCell cell = cells.remove(id);
            if (cell == null) {
                continue;
            }
            Set<String> users = graph.children(id).keySet();
            Set<String> names = new LinkedHashSet<>(cell.analysis.defines());
            graph.remove(id);
            dropDefinitions(cell, names);
            for (String user : users) {
                TrackedCell u = cells.get(user);
                if (u != null) {
                    markStale(events, u, "stale: cell " + cell.label() + " was deleted, so `"
                            + String.join("`, `", names) + (names.size() == 1 ? "` no longer exists" : "` no longer exist")
                            + "; this output is from before");
                }
            }
        }
    }

    private void finishRun(TrackedCell cell, CellRef ref, CellOutcome outcome, RunEvents events) {
        events.finished(ref, outcome);
        cell.stale = !outcome.ok();
        cell.lastError = outcome.error();
    }

    /**
     * Reconciles the engine with what JShell reports about a run, before its output is finished: notes
     * about undefined and reset names, overloads and replaced signatures. Returns the tracked cells whose
     * values the run reset (id -> why), which must run again.
     */
    private Map<String, String> reconcile(TrackedCell cell, CellOutcome outcome, RunEvents events) {
        SessionReconciler.Effects effects = reconciler.afterRun(cell.id, cell.label(), cell.analysis, outcome,
                cells::containsKey);
        CellRef ref = cell.ref();
        effects.notes().forEach(n -> events.note(ref, n));
        List<Definition> declared = outcome.changes().declared();
        CellAnalysis reconciled = cell.analysis.withDefines(declared.stream().map(Definition::name).toList());
        if (reconciled != cell.analysis) {
            cell.analysis = reconciled; // the parser missed a definition JShell made: link its users too
            graph.put(cell.id, reconciled);
        }
        noteOtherDefiners(cell, declared, events);
        if (outcome.ok()) {
            dropReplacedSignatures(cell, declared, events);
            cell.declared.clear();
        }
        // After a failure, what the cell declared in an earlier run beyond the failing point still lives.
        cell.declared.addAll(declared);
        outcome.changes().failed().forEach(name -> cell.declared.remove(Definition.variable(name)));
        Map<String, String> holders = new LinkedHashMap<>(effects.resetHolders());
        holders.remove(cell.id);
        return holders;
    }

    /**
     * A method whose parameter types were edited is a new overload for JShell; the old one would stay
     * callable. The cell no longer declares it, so it goes (unless another cell declares it too).
     */
    private void dropReplacedSignatures(TrackedCell cell, List<Definition> declared, RunEvents events) {
        for (Definition old : cell.declared) {
            if (old.kind() == Definition.Kind.METHOD && !declared.contains(old)
                    && cell.analysis.defines().contains(old.name()) && !declaredElsewhere(cell.id, old)) {
                runner.drop(old);
                events.note(cell.ref(), "note: this cell no longer defines `" + old.display() + "`; removed from the session.");
            }
        }
    }

    /** Tracked cells that cannot re-run now (the run failed, or reactivity is off or lazy) are marked stale. */
    private void markHoldersStale(Map<String, String> holders, RunEvents events) {
        holders.forEach((id, why) -> {
            TrackedCell holder = cells.get(id);
            if (holder != null) {
                markStale(events, holder, "stale: " + why + "; run this cell again to rebuild it");
            }
        });
    }

    /**
     * Re-runs the cell's descendants, and the cells whose values it reset, once each, in dependency order,
     * before the request goes idle. A re-run that resets further values adds their cells to the plan.
     */
    private void cascade(TrackedCell trigger, Map<String, String> resetHolders, RunEvents events,
                         Supplier<List<String>> queuedCellIds) {
        List<String> queued = queuedCellIds.get();
        CascadePlan plan = CascadePlan.of(graph, trigger.id, resetHolders.keySet(), queued);
        List<String> pending = new ArrayList<>(plan.toRun());
        pending.removeIf(id -> !cells.containsKey(id));
        if (pending.isEmpty()) {
            return;
        }
        Set<String> done = new HashSet<>();
        done.add(trigger.id);
        runCascade(trigger.ref(), pending, done, new HashSet<>(plan.leftToQueued()), new LinkedHashMap<>(resetHolders),
                events, queuedCellIds);
    }

    /**
     * The user changed a widget in the frontend: the tracked cells that read its value ({@code readers}:
     * cell id -> why) re-run with their descendants, once each, in dependency order, as any cascade (lazy
     * mode marks them stale instead; off leaves them). The cell that created the widget does not run, so
     * the widget keeps its place and its value.
     */
    public void widgetChanged(Map<String, String> readers, RunEvents events) {
        Map<String, String> reasons = new LinkedHashMap<>(readers);
        reasons.keySet().removeIf(id -> !cells.containsKey(id));
        if (reasons.isEmpty() || mode == Mode.OFF) {
            return;
        }
        Set<String> affected = new LinkedHashSet<>(reasons.keySet());
        reasons.keySet().forEach(id -> affected.addAll(graph.descendants(id)));
        affected.removeIf(id -> !cells.containsKey(id));
        List<String> ordered = new ArrayList<>(graph.topologicalOrder(affected));
        if (mode == Mode.LAZY) {
            String why = reasons.values().iterator().next();
            for (TrackedCell cell : tracked(ordered)) {
                markStale(events, cell, "stale: " + why + " (lazy mode); run this cell to update it");
            }
            return;
        }
        runCascade(null, ordered, new HashSet<>(), new HashSet<>(), reasons, events, List::of);
    }

    /**
     * Runs {@code pending} in order, skipping cells below a failure, adding cells whose values a run reset.
     * A cell whose own request arrives while the cascade runs (Run All's requests trickle in) is left to
     * that request, with its descendants, as the plan leaves the cells queued at the start: it runs once.
     */
    private void runCascade(CellRef trigger, List<String> pending, Set<String> done, Set<String> leftToQueued,
                            Map<String, String> reasons, RunEvents events, Supplier<List<String>> queuedCellIds) {
        leaveToQueuedRequests(pending, leftToQueued, queuedCellIds.get(), trigger);
        if (pending.isEmpty()) {
            return; // nothing announced: every cell runs with its own request
        }
        events.cascadeStarted(pending.size());
        Map<String, String> blockedBy = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            TrackedCell cell = cells.get(pending.remove(0));
            done.add(cell.id);
            String blocker = interrupted ? "the re-runs were interrupted" : upstreamBlocker(cell, blockedBy);
            CellRef ref = cell.ref();
            if (blocker != null) {
                blockedBy.put(cell.id, blocker);
                cell.stale = true;
                events.skipped(ref, blocker);
                continue;
            }
            CellIO io = events.started(ref, RunCause.rerunAfter(trigger, reasons.get(cell.id)));
            CellOutcome outcome = execute(cell.id, cell.code, cell.analysis, io, true);
            Map<String, String> more = reconcile(cell, outcome, events);
            finishRun(cell, ref, outcome, events);
            if (!outcome.ok()) {
                blockedBy.put(cell.id, "upstream cell " + cell.label() + " failed");
            }
            int before = pending.size();
            pending = addHolders(pending, more, done, leftToQueued, reasons, events);
            if (pending.size() > before) {
                events.cascadeStarted(pending.size() - before); // a re-run reset more values: their cells join
            }
            int planned = pending.size();
            leaveToQueuedRequests(pending, leftToQueued, queuedCellIds.get(), trigger);
            if (pending.size() < planned) {
                events.leftToQueuedRequests(planned - pending.size());
            }
        }
    }

    /** Takes the cells now queued with their own requests, and their descendants, out of {@code pending}. */
    private void leaveToQueuedRequests(List<String> pending, Set<String> leftToQueued, List<String> queued,
                                       CellRef trigger) {
        for (String id : queued) {
            if (pending.contains(id) && (trigger == null || !id.equals(trigger.id()))) {
                leftToQueued.add(id);
                leftToQueued.addAll(graph.descendants(id));
            }
        }
        if (!queued.isEmpty()) {
            pending.removeIf(leftToQueued::contains);
        }
    }

    /**
     * Puts cells whose values a re-run reset into the pending re-runs (with their descendants), in dependency
     * order. A cell that already ran in this cascade is not run twice: it is marked stale instead.
     */
    private List<String> addHolders(List<String> pending, Map<String, String> holders, Set<String> done,
                                    Set<String> leftToQueued, Map<String, String> reasons, RunEvents events) {
        Set<String> added = new LinkedHashSet<>();
        holders.forEach((id, why) -> {
            if (leftToQueued.contains(id) || !cells.containsKey(id)) {
                return;
            }
            if (done.contains(id)) {
                markStale(events, cells.get(id), "stale: " + why + " after this cell re-ran; run it again");
                return;
            }
            reasons.putIfAbsent(id, why);
            added.add(id);
            added.addAll(graph.descendants(id));
        });
        added.removeAll(done);
        added.removeAll(leftToQueued);
        added.removeIf(id -> !cells.containsKey(id));
        if (added.isEmpty() || pending.containsAll(added)) {
            return pending;
        }
        Set<String> all = new LinkedHashSet<>(pending);
        all.addAll(added);
        return new ArrayList<>(graph.topologicalOrder(all));
    }

    /** Why a cell in a cascade cannot run: the failure that stopped one of its parents, passed down. */
    private String upstreamBlocker(TrackedCell cell, Map<String, String> blockedBy) {
        for (String parent : graph.parents(cell.id).keySet()) {
            String reason = blockedBy.get(parent);
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    private void reportBlockedDescendants(TrackedCell failed, RunEvents events) {
        List<TrackedCell> blocked = tracked(graph.topologicalOrder(graph.descendants(failed.id)));
        String reason = "upstream cell " + failed.label() + " failed";
        for (TrackedCell cell : blocked) {
            cell.stale = true;
            events.skipped(cell.ref(), reason);
        }
    }

    private void markDescendantsStale(TrackedCell changed, RunEvents events) {
        List<TrackedCell> stale = tracked(graph.topologicalOrder(graph.descendants(changed.id)));
        for (TrackedCell cell : stale) {
            markStale(events, cell, "stale: " + changed.label() + " changed (lazy mode); run this cell to update it");
        }
    }

    /** Lazy mode never runs a cell on stale inputs: its stale ancestors run first. */
    private void runStaleAncestors(TrackedCell cell, RunEvents events) {
        List<TrackedCell> staleAncestors = tracked(graph.topologicalOrder(ancestors(cell.id)))
                .stream().filter(c -> c.stale).toList();
        for (TrackedCell ancestor : staleAncestors) {
            CellRef ref = ancestor.ref();
            CellIO io = events.started(ref, RunCause.staleInputOf(cell.ref()));
            CellOutcome outcome = execute(ancestor.id, ancestor.code, ancestor.analysis, io, true);
            markHoldersStale(reconcile(ancestor, outcome, events), events);
            finishRun(ancestor, ref, outcome, events);
        }
    }

    private Set<String> ancestors(String id) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(graph.parents(id).keySet());
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (!next.equals(id) && seen.add(next)) {
                todo.addAll(graph.parents(next).keySet());
            }
        }
        return seen;
    }

    private void markStale(RunEvents events, TrackedCell cell, String why) {
        cell.stale = true;
        events.stale(cell.ref(), why);
    }

    private void forgetRemovedNames(TrackedCell cell, CellAnalysis previous, RunEvents events) {
        Set<String> removed = new LinkedHashSet<>(previous.defines());
        removed.removeAll(cell.analysis.defines());
        if (removed.isEmpty()) {
            return;
        }
        List<TrackedCell> users = new ArrayList<>();
        for (TrackedCell other : cells.values()) {
            if (other != cell && other.analysis != null
                    && other.analysis.uses().stream().anyMatch(removed::contains)) {
                users.add(other);
            }
        }
        dropDefinitions(cell, removed);
        String names = "`" + String.join("`, `", removed) + "`";
        events.note(cell.ref(), "note: this cell no longer defines " + names + "; removed from the session"
                + (users.isEmpty() ? "." : ". Cells that used it are now stale: " + labels(users)));
        for (TrackedCell user : users) {
            markStale(events, user, "stale: " + names + " was removed from " + cell.label());
        }
    }

    /**
     * Drops what {@code owner} declared under these names (each overload on its own), unless another live
     * cell declares the same definition.
     */
    private void dropDefinitions(TrackedCell owner, Set<String> names) {
        reconciler.forget(owner.id, names);
        for (Definition definition : List.copyOf(owner.declared)) {
            if (names.contains(definition.name())) {
                owner.declared.remove(definition);
                if (!declaredElsewhere(owner.id, definition)) {
                    runner.drop(definition);
                }
            }
        }
    }

    /** Whether another cell still declares this definition; an untracked definer of the name counts too. */
    private boolean declaredElsewhere(String ownerId, Definition definition) {
        for (TrackedCell other : cells.values()) {
            if (!other.id.equals(ownerId) && other.declared.contains(definition)) {
                return true;
            }
        }
        return graph.definersOf(definition.name()).stream()
                .anyMatch(id -> !id.equals(ownerId) && !cells.containsKey(id));
    }

    /** The same definition (a method: the same parameter types) declared by another cell: the later wins. */
    private void noteOtherDefiners(TrackedCell cell, List<Definition> declared, RunEvents events) {
        for (Definition definition : declared) {
            List<TrackedCell> others = cells.values().stream()
                    .filter(c -> c != cell && c.declared.contains(definition)).toList();
            if (!others.isEmpty()) {
                String shown = definition.display();
                events.note(cell.ref(), "note: `" + shown + "` is also defined by " + labels(others)
                        + ". The cell run last wins (as in JShell): cells using `" + definition.name()
                        + "` now see this cell's " + (definition.kind() == Definition.Kind.VARIABLE ? "value." : "definition."));
            }
        }
    }

    private Cycle cycleThrough(String cellId) {
        for (Cycle cycle : graph.cycles()) {
            if (cycle.cells().contains(cellId)) {
                return cycle;
            }
        }
        return null;
    }

    private CellError cycleError(Cycle cycle) {
        String edges = cycle.edges().stream()
                .map(e -> label(e.to()) + " uses `" + String.join("`, `", e.names()) + "` from " + label(e.from()))
                .collect(Collectors.joining("; "));
        String message = "these cells depend on each other in a cycle: " + edges
                + ". They do not run. Merge them into one cell or remove one of the references.";
        return new CellError(CellError.Kind.COMPILE, "CycleError", message, List.of("CycleError: " + message));
    }

    private String label(String id) {
        TrackedCell c = cells.get(id);
        return c == null ? id : c.label();
    }

    private List<TrackedCell> tracked(Collection<String> ids) {
        return ids.stream().map(cells::get).filter(c -> c != null).toList();
    }

    private static String labels(Collection<TrackedCell> cells) {
        return cells.stream().map(TrackedCell::label).collect(Collectors.joining(", "));
    }
}
