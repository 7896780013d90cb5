package reflow.kernel.widgets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import reflow.protocol.CommRequest;
import reflow.protocol.ExecutionContext;
import reflow.protocol.KernelLog;
import reflow.protocol.messages.CommInfoReply;

/**
 * The kernel side of the Jupyter widget protocol (version 2.1): one comm per widget model on target
 * {@code jupyter.widget}, opened by the kernel with the model's full state; {@code update} both ways,
 * {@code echo_update} for what a frontend changed, {@code request_state}; the {@code jupyter.widget.control}
 * comm answering {@code request_states} with every live model (how a reloaded page gets them back).
 *
 * <p>It also records, at run time, which tracked cell read which widget's value: those cells are the ones
 * a change from the frontend re-runs. A widget is never a reader's input in the graph sense only: the cell
 * that created it is excluded, so a change never recreates the widget.
 *
 * <p>Threads: frontend messages arrive on the shell worker, one at a time; widgets are created and read on
 * the cell thread (or any thread a cell started). State and readers are guarded by this object.
 */
public final class WidgetSession {
    public static final String TARGET = "jupyter.widget";
    public static final String CONTROL_TARGET = "jupyter.widget.control";
    public static final String PROTOCOL_VERSION = "2.1.0";

    private static volatile WidgetSession current = new WidgetSession();

    /** The session widgets created now belong to (the kernel installs one; a default one sends nothing). */
    public static WidgetSession current() {
        return current;
    }

    public static void install(WidgetSession session) {
        current = session;
    }

    /** Runs a widget listener (user code) where cell code runs; the kernel provides it. */
    public interface ListenerRunner {
        void run(String ownerCell, String what, Runnable listener);
    }

    private final Map<String, Widget> live = new LinkedHashMap<>();
    private final Set<String> controlComms = new LinkedHashSet<>();
    /** Widget comm id -> tracked cells that read its value in their last run. */
    private final Map<String, Set<String>> readers = new LinkedHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private volatile ExecutionContext publisher;
    private volatile String runningCell;
    private volatile boolean cellRunning;
    private volatile ListenerRunner listeners = (owner, what, listener) -> listener.run();

    public void setListenerRunner(ListenerRunner runner) {
        this.listeners = runner;
    }

    /**
     * The request whose messages kernel-originated comm messages are parented to: the one running now or,
     * between requests, the last one (as ipykernel's "current parent").
     */
    public void setPublisher(ExecutionContext context) {
        this.publisher = context;
    }

    /**
     * A tracked cell starts running (null: an untracked one, or none): its earlier reads are forgotten
     * (it records them again as it runs), and the widgets it created last time are closed.
     */
    public void cellStarting(String cellId) {
        List<Widget> defined = new ArrayList<>();
        synchronized (this) {
            runningCell = cellId;
            cellRunning = true;
            if (cellId == null) {
                return;
            }
            readers.values().forEach(cells -> cells.remove(cellId));
            for (Widget w : live.values()) {
                if (cellId.equals(w.definingCell)) {
                    defined.add(w);
                }
            }
        }
        defined.forEach(Widget::close);
    }

    /** A deleted cell: what it created is closed, and it is no widget's reader any more. */
    public void cellDeleted(String cellId) {
        List<Widget> defined = new ArrayList<>();
        synchronized (this) {
            readers.values().forEach(cells -> cells.remove(cellId));
            for (Widget w : live.values()) {
                if (cellId.equals(w.definingCell)) {
                    defined.add(w);
                }
            }
        }
        defined.forEach(Widget::close);
    }

    public void cellEnded() {
        runningCell = null;
        cellRunning = false;
    }

    /** Whether any cell (tracked or not) is running now. */
    public boolean cellRunning() {
        return cellRunning;
    }

    /** The tracked cell running now, or null. */
    String runningCell() {
        return runningCell;
    }

    // ---- kernel-originated messages ------------------------------------------------------------------

    synchronized String newCommId() {
        return "reflow-widget-" + opened.incrementAndGet() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    void open(Widget widget) {
        synchronized (this) {
            live.put(widget.id(), widget);
        }
        publish("comm_open", Map.of("comm_id", widget.id(), "target_name", TARGET,
                "data", Map.of("state", widget.fullState(), "buffer_paths", List.of())), openMetadata());
    }

    private static Map<String, Object> openMetadata() {
        return Map.of("version", PROTOCOL_VERSION);
    }

    void sendUpdate(Widget widget, Map<String, Object> changed) {
        publish("comm_msg", Map.of("comm_id", widget.id(),
                "data", Map.of("method", "update", "state", changed, "buffer_paths", List.of())), Map.of());
    }

    void sendClose(Widget widget) {
        synchronized (this) {
            live.remove(widget.id());
            readers.remove(widget.id());
        }
        publish("comm_close", Map.of("comm_id", widget.id(), "data", Map.of()), Map.of());
    }

    private void publish(String msgType, Map<String, Object> content, Map<String, Object> metadata) {
        ExecutionContext target = publisher;
        if (target != null) {
            target.publish(msgType, content, metadata, List.of());
        }
    }

    /** Runs {@code task} without recording its reads (interact's function: it has its own re-runs). */
    void withoutReads(Runnable task) {
        suppressReads.set(true);
        try {
            task.run();
        } finally {
            suppressReads.set(false);
        }
    }

    private final ThreadLocal<Boolean> suppressReads = ThreadLocal.withInitial(() -> false);

    /** A cell reads {@code widget}'s value: it becomes one of the cells a change re-runs. */
    void recordRead(Widget widget) {
        String cell = runningCell;
        if (cell == null || cell.equals(widget.definingCell) || suppressReads.get()) {
            return; // untracked, or the defining cell itself: re-running it would recreate the widget
        }
        synchronized (this) {
            if (live.containsKey(widget.id())) {
                readers.computeIfAbsent(widget.id(), k -> new LinkedHashSet<>()).add(cell);
            }
        }
    }

    /** The widgets (ids) that tracked cell {@code cellId} read in its last run. */
    public synchronized Set<String> widgetsReadBy(String cellId) {
        Set<String> read = new LinkedHashSet<>();
        readers.forEach((widget, cells) -> {
            if (cells.contains(cellId)) {
                read.add(widget);
            }
        });
        return read;
    }

    /**
     * A run that did not finish (an error, an interrupt) may have stopped before its reads: the cell stays a
     * reader of what it read before, so the next change still re-runs it.
     */
    public synchronized void keepReads(String cellId, Set<String> widgetIds) {
        for (String id : widgetIds) {
            if (live.containsKey(id)) {
                readers.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(cellId);
            }
        }
    }

    /** The tracked cells that read {@code widget} in their last run. */
    public synchronized Set<String> readersOf(Widget widget) {
        return Set.copyOf(readers.getOrDefault(widget.id(), Set.of()));
    }

    public synchronized List<Widget> liveWidgets() {
        return List.copyOf(live.values());
    }

    /** Closes every live comm (restart, shutdown): the frontend drops the models, nothing is left open. */
    public void closeAll() {
        for (Widget w : liveWidgets()) {
            w.close();
        }
    }

    // ---- frontend messages ---------------------------------------------------------------------------

    public synchronized CommInfoReply commInfo(String targetName) {
        Map<String, Map<String, String>> comms = new LinkedHashMap<>();
        if (targetName == null || targetName.isEmpty() || targetName.equals(TARGET)) {
            live.keySet().forEach(id -> comms.put(id, Map.of("target_name", TARGET)));
        }
        if (targetName == null || targetName.isEmpty() || targetName.equals(CONTROL_TARGET)) {
            controlComms.forEach(id -> comms.put(id, Map.of("target_name", CONTROL_TARGET)));
        }
        return new CommInfoReply("ok", comms);
    }

    /** Only the control comm may be opened by a frontend; models come from the kernel. */
    public synchronized boolean commOpen(CommRequest request) {
        if (request.targetName().equals(CONTROL_TARGET)) {
            controlComms.add(request.commId());
            return true;
        }
        return false;
    }

    public void commClose(CommRequest request) {
        Widget widget;
        synchronized (this) {
            controlComms.remove(request.commId());
            widget = live.remove(request.commId());
            readers.remove(request.commId());
        }
        if (widget != null) {
            widget.closedByFrontend();
        }
    }

    /**
     * A comm_msg. Returns the widget whose value the frontend changed (its readers are to re-run), or null.
     * Replies (echo_update, update, update_states) are parented to the message, as the frontend expects.
     */
    public Widget commMsg(CommRequest request, ExecutionContext context) {
        String method = request.data().path("method").asText("");
        boolean control;
        Widget widget;
        synchronized (this) {
            control = controlComms.contains(request.commId());
            widget = live.get(request.commId());
        }
        if (control) {
            if (method.equals("request_states")) {
                context.publish("comm_msg", Map.of("comm_id", request.commId(), "data", Map.of(
                        "method", "update_states", "states", states(), "buffer_paths", List.of())), Map.of(), List.of());
            } else {
                KernelLog.warn("widgets: control comm: ignored method " + method);
            }
            return null;
        }
        if (widget == null) {
            return null; // a comm that was closed meanwhile
        }
        switch (method) {
            case "update" -> {
                Map<String, Object> accepted = widget.applyFromFrontend(request.data().path("state"));
                if (!accepted.isEmpty()) {
                    context.publish("comm_msg", Map.of("comm_id", widget.id(), "data", Map.of(
                            "method", "echo_update", "state", accepted, "buffer_paths", List.of())), Map.of(), List.of());
                    widget.changedByFrontend(accepted.keySet());
                    return widget.isValueChange(accepted.keySet()) ? widget : null;
                }
                return null;
            }
            case "request_state" -> {
                context.publish("comm_msg", Map.of("comm_id", widget.id(), "data", Map.of(
                        "method", "update", "state", widget.fullState(), "buffer_paths", List.of())), Map.of(), List.of());
                return null;
            }
            case "custom" -> {
                return widget.customMessage(request.data().path("content")) ? widget : null;
            }
            default -> {
                KernelLog.warn("widgets: comm " + widget.id() + ": ignored method " + method);
                return null;
            }
        }
    }

    private Map<String, Object> states() {
        Map<String, Object> states = new LinkedHashMap<>();
        for (Widget w : liveWidgets()) {
            Map<String, Object> state = w.fullState();
            states.put(w.id(), Map.of("model_name", state.get("_model_name"), "model_module", state.get("_model_module"),
                    "model_module_version", state.get("_model_module_version"), "state", state));
        }
        return states;
    }

    void runListener(Widget widget, String what, Runnable listener) {
        try {
            listeners.run(widget.definingCell, what, listener);
        } catch (RuntimeException e) {
            KernelLog.warn("widgets: a listener failed: " + e);
        }
    }

    /** Whether any of {@code requests} is a frontend update of a widget (a later value is on its way). */
    public static boolean anyUpdate(Collection<ExecutionContext.QueuedRequest> requests) {
        for (ExecutionContext.QueuedRequest r : requests) {
            if (r.msgType().equals("comm_msg") && r.content().path("data").path("method").asText("").equals("update")) {
                return true;
            }
        }
        return false;
    }
}
