package reflow.kernel.jshell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Process-wide replacement of System.out, System.err and System.in that sends everything to the
 * {@link CellIO} of a cell, from any thread.
 *
 * <p>Which cell a thread's output belongs to, first match wins: the cell a task was wrapped in
 * ({@link #inCell}); the cell a thread was pinned to ({@link #pin}); the cell running now; when none runs,
 * the cell that ran last (its output area still listens). So the output of a worker thread (a pool, a
 * timer) shows in the cell it is working for when it prints, as in ipykernel since 2025; a cell that
 * wants a thread's output to stay with it pins the thread or wraps the task. Nothing goes to the kernel's
 * log once any cell has run.
 *
 * <p>Output is delivered at line ends, when a partial line has waited {@value #PARTIAL_LINE_MILLIS} ms,
 * before display()/clearOutput() and input prompts, and at the end of the cell, so the frontend sees it
 * in the order it was produced. Each destination has its own pending text, so two threads printing for
 * two cells never mix their partial lines.
 */
final class CellRouting {
    static final long PARTIAL_LINE_MILLIS = 50;

    private static CellRouting installed;

    /** Installs the routing once per process; later calls return the same instance. */
    static synchronized CellRouting install() {
        if (installed == null) {
            installed = new CellRouting(System.err);
            System.setOut(new UnbufferedPrintStream(installed.new Sink(false)));
            System.setErr(new UnbufferedPrintStream(installed.new Sink(true)));
            System.setIn(installed.new Source());
        }
        return installed;
    }

    /** Where text goes before any cell ran: the kernel's stderr (its log). */
    private final CellIO kernelLog;
    private final Object lock = new Object();
    private final Map<CellIO, Destination> destinations = new IdentityHashMap<>(); // guarded by lock
    private final Map<Thread, CellIO> pinned = Collections.synchronizedMap(new WeakHashMap<>());
    private final ThreadLocal<CellIO> taskCell = new ThreadLocal<>();
    private final ScheduledExecutorService partialLineTimer;
    private CellIO current; // guarded by lock
    private CellIO last; // guarded by lock
    private Thread evaluating; // guarded by lock: the thread running the current evaluation
    private boolean timerArmed; // guarded by lock
    private byte[] inputLine = new byte[0]; // guarded by the Source instance
    private int inputPosition;

    /** Text waiting for one cell: stdout and stderr. */
    private static final class Destination {
        final CellIO io;
        final PendingText out = new PendingText("stdout");
        final PendingText err = new PendingText("stderr");

        Destination(CellIO io) {
            this.io = io;
        }

        boolean isEmpty() {
            return out.isEmpty() && err.isEmpty();
        }
    }

    private CellRouting(PrintStream realErr) {
        this.kernelLog = new CellIO() {
            @Override public void write(String streamName, String text) { realErr.print(text); realErr.flush(); }
            @Override public String readLine(String prompt) { return null; }
            @Override public void display(Object value) { realErr.println(value); }
            @Override public void clearOutput(boolean wait) { }
        };
        this.partialLineTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reflow-output-flush");
            t.setDaemon(true);
            return t;
        });
    }

    void begin(CellIO io) {
        synchronized (lock) {
            deliverAll();
            current = io;
            evaluating = Thread.currentThread();
        }
        synchronized (this) {
            inputLine = new byte[0]; // input typed for an earlier cell is not this cell's
            inputPosition = 0;
        }
    }

    void end() {
        synchronized (lock) {
            deliverAll();
            if (current != null && current != CellIO.DISCARD) {
                last = current; // silent runs (user_expressions) never receive thread output
            }
            current = null;
            evaluating = null;
        }
    }

    /**
     * A cell thread the kernel gave up on (it would not stop) ends its evaluation here instead of in
     * {@link #end()}: what it still prints stays with the cell it was running, whose output area still
     * listens in JupyterLab (and is capped there), never in the cells that run after it.
     */
    void abandoned(Thread thread) {
        synchronized (lock) {
            if (evaluating != thread) {
                return;
            }
            if (current != null) {
                pinned.put(thread, current);
            }
            deliverAll();
            if (current != null && current != CellIO.DISCARD) {
                last = current;
            }
            current = null;
            evaluating = null;
        }
    }

    /** The cell output of the calling thread now (see the class comment). */
    private CellIO target() {
        CellIO io = taskCell.get();
        if (io == null) io = pinned.get(Thread.currentThread());
        if (io == null) io = current;
        if (io == CellIO.DISCARD && Thread.currentThread() != evaluating) {
            io = null; // a silent request runs: other threads' output still belongs to a cell
        }
        if (io == null) io = last;
        return io == null ? kernelLog : io;
    }

    /** Pins {@code thread}'s output to the cell the caller prints to now. */
    void pin(Thread thread) {
        synchronized (lock) {
            pinned.put(thread, target());
        }
    }

    /** A task whose output goes to the caller's cell wherever it runs (an executor's thread). */
    Runnable inCell(Runnable task) {
        CellIO io;
        synchronized (lock) {
            io = target();
        }
        return () -> {
            CellIO before = taskCell.get();
            taskCell.set(io);
            try {
                task.run();
            } finally {
                flushFor(io);
                taskCell.set(before);
            }
        };
    }

    <T> Callable<T> inCell(Callable<T> task) {
        CellIO io;
        synchronized (lock) {
            io = target();
        }
        return () -> {
            CellIO before = taskCell.get();
            taskCell.set(io);
            try {
                return task.call();
            } finally {
                flushFor(io);
                taskCell.set(before);
            }
        };
    }

    /** Runs {@code task} with everything it prints or displays on this thread going to {@code io}. */
    void runRoutedTo(CellIO io, Runnable task) {
        CellIO before = taskCell.get();
        synchronized (lock) {
            CellIO outer = target();
            Destination d = destinations.get(outer);
            if (d != null) deliver(d); // what was printed before the block stays outside it
        }
        taskCell.set(io);
        try {
            task.run();
        } finally {
            flushFor(io);
            taskCell.set(before);
        }
    }

    private void flushFor(CellIO io) {
        synchronized (lock) {
            Destination d = destinations.get(io);
            if (d != null) deliver(d);
        }
    }

    /** Writes a kernel note (e.g. "declared, but ...") in order with the cell's own output. */
    void note(String streamName, String text) {
        synchronized (lock) {
            Destination d = destination(target());
            deliver(d);
            d.io.write(streamName, text);
        }
    }

    String display(Object value, String mimeType) {
        synchronized (lock) {
            Destination d = destination(target());
            deliver(d);
            return d.io.display(value, mimeType);
        }
    }

    void updateDisplay(String displayId, Object value, String mimeType) {
        synchronized (lock) {
            Destination d = destination(target());
            deliver(d);
            d.io.updateDisplay(displayId, value, mimeType);
        }
    }

    void clearOutput(boolean wait) {
        synchronized (lock) {
            Destination d = destination(target());
            deliver(d);
            d.io.clearOutput(wait);
        }
    }

    private Destination destination(CellIO io) {
        return destinations.computeIfAbsent(io, Destination::new);
    }

    private void written(boolean isErr, byte[] bytes, int offset, int length) {
        synchronized (lock) {
            Destination d = destination(target());
            PendingText stream = isErr ? d.err : d.out;
            PendingText other = isErr ? d.out : d.err;
            if (!other.isEmpty()) {
                d.io.write(other.streamName, other.takeAll()); // keep stdout/stderr interleaving
            }
            stream.append(bytes, offset, length);
            String lines = stream.takeCompleteLines();
            if (!lines.isEmpty()) {
                d.io.write(stream.streamName, lines);
            }
            if (!stream.isEmpty() && !timerArmed) {
                timerArmed = true;
                partialLineTimer.schedule(this::deliverStalePartialLines, PARTIAL_LINE_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void deliverStalePartialLines() {
        synchronized (lock) {
            timerArmed = false;
            long now = System.nanoTime();
            long nextCheck = Long.MAX_VALUE;
            for (Destination d : destinations.values()) {
                for (PendingText stream : new PendingText[] {d.out, d.err}) {
                    if (stream.isEmpty()) {
                        continue;
                    }
                    long waited = TimeUnit.NANOSECONDS.toMillis(now - stream.pendingSinceNanos());
                    if (waited >= PARTIAL_LINE_MILLIS) {
                        d.io.write(stream.streamName, stream.takeAll());
                    } else {
                        nextCheck = Math.min(nextCheck, PARTIAL_LINE_MILLIS - waited);
                    }
                }
            }
            dropEmptyDestinations();
            if (nextCheck != Long.MAX_VALUE) {
                timerArmed = true;
                partialLineTimer.schedule(this::deliverStalePartialLines, nextCheck, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void deliver(Destination d) {
        if (!d.out.isEmpty()) d.io.write(d.out.streamName, d.out.takeAll());
        if (!d.err.isEmpty()) d.io.write(d.err.streamName, d.err.takeAll());
    }

    private void deliverAll() {
        destinations.values().forEach(this::deliver);
        dropEmptyDestinations();
    }

    /** Finished cells' destinations are not kept alive once their text is out. */
    private void dropEmptyDestinations() {
        for (Iterator<Destination> it = destinations.values().iterator(); it.hasNext(); ) {
            if (it.next().isEmpty()) it.remove();
        }
    }

    private CellIO currentIO() {
        synchronized (lock) {
            if (current == null && taskCell.get() == null && !pinned.containsKey(Thread.currentThread())) {
                return null; // no cell is waiting for this input: end of file, as before any cell ran
            }
            Destination d = destination(target());
            deliver(d); // a prompt must appear after the output printed before it
            return d.io == kernelLog ? null : d.io;
        }
    }

    /** System.out / System.err. */
    private final class Sink extends OutputStream {
        private final boolean isErr;

        Sink(boolean isErr) {
            this.isErr = isErr;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            written(isErr, bytes, offset, length);
        }
    }

    /** System.in: asks the cell's frontend for one line whenever the reader needs more data. */
    private final class Source extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            synchronized (CellRouting.this) {
                if (inputPosition >= inputLine.length && !readLine()) {
                    return -1;
                }
                int n = Math.min(length, inputLine.length - inputPosition);
                System.arraycopy(inputLine, inputPosition, buffer, offset, n);
                inputPosition += n;
                return n;
            }
        }

        @Override
        public int available() {
            synchronized (CellRouting.this) {
                return inputLine.length - inputPosition;
            }
        }

        private boolean readLine() throws IOException {
            CellIO io = currentIO();
            String line = io == null ? null : io.readLine("");
            if (line == null) {
                return false;
            }
            inputLine = (line + "\n").getBytes(StandardCharsets.UTF_8);
            inputPosition = 0;
            return true;
        }
    }
}
