package reflow.kernel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import reflow.kernel.jshell.CellIO;
import reflow.kernel.jshell.CellOutcome;
import reflow.kernel.jshell.Definition;
import reflow.kernel.jshell.JShellBridge;
import reflow.kernel.output.Presenter;
import reflow.kernel.reactive.CellRun;
import reflow.kernel.reactive.CellRunner;
import reflow.kernel.reactive.ReactiveEngine;
import reflow.kernel.widgets.Widget;
import reflow.kernel.widgets.WidgetSession;
import reflow.protocol.CommRequest;
import reflow.protocol.ExecutionContext;
import reflow.protocol.messages.CommInfoReply;

/**
 * Joins the widget protocol to the kernel: frontend comm messages go to the {@link WidgetSession}; a value
 * the user changed re-runs the cells that read it through the reactive engine, with outputs replaced in
 * place as in any re-run; listeners run on the cell thread with their output in the cell that made the
 * widget. All frontend messages arrive on the shell worker, one at a time, like execute requests, so a
 * change that arrives while a cell runs waits for it (no lock is held across a cell).
 *
 * <p>Rapid changes coalesce: while another update is already queued behind this one (a slider being
 * dragged), the readers are only collected; the last update of the run re-runs them once, with the last
 * value. JupyterLab also holds back a model's next update until the kernel is idle after the previous one.
 */
final class KernelWidgets {
    private final WidgetSession session = new WidgetSession();
    private final Presenter presenter;
    private final Supplier<ReactiveEngine> engine;
    private final Supplier<JShellBridge> bridge;
    /** The thread frontend messages arrive on (the shell worker): only there do listeners go to the cell thread. */
    private volatile Thread shellThread;
    /** Readers collected from coalesced updates, waiting for the last one (shell worker only). */
    private final Map<String, String> pendingReaders = new LinkedHashMap<>();

    KernelWidgets(Presenter presenter, Supplier<ReactiveEngine> engine, Supplier<JShellBridge> bridge) {
        this.presenter = presenter;
        this.engine = engine;
        this.bridge = bridge;
        WidgetSession.install(session);
        session.setListenerRunner(this::runListener);
    }

    /** The last request: parent of the comm messages the kernel sends, and where orphan listener output goes. */
    private volatile ExecutionContext lastRequest;

    /** Every request becomes the parent of the comm messages the kernel sends while it runs. */
    void requestStarted(ExecutionContext context) {
        lastRequest = context;
        session.setPublisher(context);
    }

    /** The runner, recording which tracked cell runs (its widget reads and the widgets it creates). */
    CellRunner tracking(CellRunner runner) {
        return new CellRunner() {
            @Override
            public CellOutcome run(CellRun run, CellIO io) {
                Set<String> readBefore = run.cellId() == null ? Set.of() : session.widgetsReadBy(run.cellId());
                session.cellStarting(run.cellId());
                CellOutcome outcome = null;
                try {
                    outcome = runner.run(run, io);
                    return outcome;
                } finally {
                    session.cellEnded();
                    if ((outcome == null || !outcome.ok()) && run.cellId() != null) {
                        session.keepReads(run.cellId(), readBefore);
                    }
                }
            }

            @Override public boolean needsReferences() { return runner.needsReferences(); }
            @Override public void drop(Definition definition) { runner.drop(definition); }
        };
    }

    CommInfoReply commInfo(String targetName) {
        return session.commInfo(targetName);
    }

    boolean commOpen(CommRequest request, ExecutionContext context) {
        requestStarted(context);
        return session.commOpen(request);
    }

    void commClose(CommRequest request) {
        session.commClose(request);
    }

    void commMsg(CommRequest request, ExecutionContext context) {
        shellThread = Thread.currentThread();
        requestStarted(context);
        JShellBridge b = bridge.get();
        ReactiveEngine e = engine.get();
        if (b != null) {
            b.clearStop(); // like an execute: an interrupt only stops the request it arrived during
        }
        if (e != null) {
            e.clearInterrupt();
        }
        Widget changed = session.commMsg(request, context);
        if (changed != null) {
            String why = changed + " was changed in the frontend";
            session.readersOf(changed).forEach(cell -> pendingReaders.putIfAbsent(cell, why));
        }
        if (pendingReaders.isEmpty() || e == null || WidgetSession.anyUpdate(context.queuedRequests())) {
            return; // nothing to re-run yet, or a later value is queued: that one re-runs the readers
        }
        Map<String, String> readers = new LinkedHashMap<>(pendingReaders);
        pendingReaders.clear();
        e.widgetChanged(readers, presenter.forWidgetChange(context));
    }

    /** A listener runs like a cell (interruptible, output captured), its output in its widget's cell. */
    private void runListener(String ownerCell, String what, Runnable listener) {
        JShellBridge b = bridge.get();
        if (b == null || session.cellRunning() || Thread.currentThread() != shellThread) {
            // Code set the value (a cell, or a thread it started): the listener runs there, as part of it.
            listener.run();
            return;
        }
        presenter.appendingTo(ownerCell, lastRequest, what, io -> b.runCallback(listener, io));
    }

    /** The frontend deleted cells: the widgets they made are closed, and they read nothing any more. */
    void cellsDeleted(java.util.Collection<String> cellIds) {
        cellIds.forEach(session::cellDeleted);
    }

    /** Restart or shutdown: every comm is closed, so no frontend keeps a dead model. */
    void closeAll() {
        session.closeAll();
    }
}
