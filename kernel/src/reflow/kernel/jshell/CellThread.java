package reflow.kernel.jshell;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs cell code on a kernel-owned thread, so that a cell that cannot be stopped costs a thread, not the
 * notebook. A stop request first raises the cooperative flag and interrupts the thread; a cell still
 * running after {@link #GRACE_MILLIS} (a loop inside JDK code, which carries no stop check) gets
 * Thread.stop where the JDK still has it (before 20); if that fails too, or on JDK 20+, the caller is
 * answered that the code could not be stopped, the thread is left to run in the background, and the next
 * cell gets a fresh thread.
 */
final class CellThread implements AutoCloseable {
    static final long GRACE_MILLIS = 1000;

    private final SnippetExecutionControl control;
    private final ClassLoader contextLoader;
    /** Told about a thread given up on, before the request is answered (its later output must stay put). */
    private final Consumer<Thread> onAbandon;
    private final ScheduledExecutorService escalation = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "reflow-stop-escalation"));
    private final Object lock = new Object();
    private ExecutorService worker; // guarded by lock
    private Thread workerThread; // guarded by lock
    private Run current; // guarded by lock
    private int generation;
    private int abandonedThreads; // guarded by lock

    CellThread(SnippetExecutionControl control, ClassLoader contextLoader, Consumer<Thread> onAbandon) {
        this.control = control;
        this.contextLoader = contextLoader;
        this.onAbandon = onAbandon;
    }

    /** One evaluation; its result is completed by the cell thread, or by the escalation that gives up on it. */
    private static final class Run {
        final CompletableFuture<CellOutcome> result = new CompletableFuture<>();
        volatile Thread thread;
        boolean escalating; // guarded by CellThread.lock
    }

    /** Runs {@code evaluation} on the cell thread and waits for its outcome (uninterruptibly). */
    CellOutcome run(Supplier<CellOutcome> evaluation) {
        Run run = new Run();
        synchronized (lock) {
            if (Thread.currentThread() == workerThread) {
                return evaluation.get(); // already on the cell thread
            }
            current = run;
            worker().execute(() -> {
                run.thread = Thread.currentThread();
                control.stopSignal().runningCellOn(run.thread);
                try {
                    run.result.complete(evaluation.get());
                } catch (Throwable t) { // Thread.stop's ThreadDeath, or Stopped outside the user's frames
                    run.result.complete(interrupted("Interrupted: the cell was stopped"));
                }
            });
        }
        try {
            return awaitUninterruptibly(run.result);
        } finally {
            synchronized (lock) {
                current = null;
            }
        }
    }

    /** Any thread, after the cooperative stop was raised: escalate if the cell does not end in time. */
    void stopRequested() {
        synchronized (lock) {
            Run run = current;
            if (run == null || run.escalating) {
                return;
            }
            run.escalating = true;
            escalation.schedule(() -> escalate(run, true), GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Threads given up on so far (each is still alive, running something that would not stop). */
    int abandonedThreads() {
        synchronized (lock) {
            return abandonedThreads;
        }
    }

    private void escalate(Run run, boolean mayUseThreadStop) {
        if (run.result.isDone()) {
            return;
        }
        Thread thread = run.thread;
        if (thread == null || !control.isRunningClientCode(thread)) {
            // Still compiling or copying inputs: the stop check at the cell's first line will catch it.
            escalation.schedule(() -> escalate(run, mayUseThreadStop), GRACE_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        if (mayUseThreadStop && control.stopClientCode(thread)) {
            escalation.schedule(() -> escalate(run, false), GRACE_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        abandon(run, thread);
    }

    private void abandon(Run run, Thread thread) {
        synchronized (lock) {
            if (run.result.isDone()) {
                return;
            }
            control.stopSignal().abandon(thread);
            abandonedThreads++;
            if (thread == workerThread) {
                worker.shutdown(); // the next run() starts a fresh thread; the old one is never reused
                worker = null;
                workerThread = null;
            }
        }
        onAbandon.accept(thread);
        // The kernel's log, not System.err: that is routed to the cells.
        reflow.protocol.KernelLog.warn("a cell did not stop within " + GRACE_MILLIS + " ms of the interrupt;"
                + " its thread " + thread.getName() + " is left running and a fresh cell thread takes over");
        run.result.complete(interrupted("Interrupted, but the code could not be stopped: it is inside JDK or"
                + " library code that never checks for interrupts, and is still running in the background"
                + " (keeping a CPU core busy). The notebook goes on with a fresh thread; restart the kernel to"
                + " free the core."));
    }

    private ExecutorService worker() {
        if (worker == null) {
            int number = ++generation;
            CompletableFuture<Thread> started = new CompletableFuture<>();
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = daemon(r, number == 1 ? "reflow-cell" : "reflow-cell-" + number);
                t.setContextClassLoader(contextLoader); // libraries that load through the context loader
                started.complete(t);
                return t;
            });
            worker.execute(() -> { }); // create the thread now, so run() can recognise it
            workerThread = started.join();
        }
        return worker;
    }

    static CellOutcome interrupted(String message) {
        return new CellOutcome(false, null,
                new CellError(CellError.Kind.INTERRUPTED, "Interrupted", message, List.of(message)), List.of());
    }

    private static <T> T awaitUninterruptibly(CompletableFuture<T> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("cell evaluation failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        escalation.shutdownNow();
        synchronized (lock) {
            if (worker != null) {
                worker.shutdown();
            }
        }
    }
}
