package reflow.kernel.jshell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Process-wide replacement of System.out, System.err and System.in that sends everything to the
 * {@link CellIO} of the cell being evaluated (from any thread, including threads the cell started).
 * Outside an evaluation, output goes to the real stderr and input is at end of file.
 *
 * <p>Output is delivered at line ends, when a partial line has waited {@value #PARTIAL_LINE_MILLIS} ms,
 * before display()/clearOutput() and input prompts, and at the end of the cell, so the frontend sees it
 * stream in the order it was produced.
 */
final class CellRouting {
    static final long PARTIAL_LINE_MILLIS = 50;

    private static CellRouting installed;

    /** Installs the routing once per process; later calls return the same instance. */
    static synchronized CellRouting install() {
        if (installed == null) {
            installed = new CellRouting(System.err);
            System.setOut(new PrintStream(installed.new Sink(installed.out), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(installed.new Sink(installed.err), true, StandardCharsets.UTF_8));
            System.setIn(installed.new Source());
        }
        return installed;
    }

    private final PrintStream realErr;
    private final Object lock = new Object();
    private final PendingText out = new PendingText("stdout");
    private final PendingText err = new PendingText("stderr");
    private final ScheduledExecutorService partialLineTimer;
    private CellIO current; // guarded by lock
    private boolean timerArmed; // guarded by lock
    private byte[] inputLine = new byte[0]; // guarded by the Source instance
    private int inputPosition;

    private CellRouting(PrintStream realErr) {
        this.realErr = realErr;
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
        }
        synchronized (this) {
            inputLine = new byte[0]; // input typed for an earlier cell is not this cell's
            inputPosition = 0;
        }
    }

    void end() {
        synchronized (lock) {
            deliverAll();
            current = null;
        }
    }

    /** Writes a kernel note (e.g. "declared, but ...") in order with the cell's own output. */
    void note(String streamName, String text) {
        synchronized (lock) {
            deliverAll();
            deliver(streamName, text);
        }
    }

    String display(Object value, String mimeType) {
        synchronized (lock) {
            deliverAll();
            if (current != null) {
                return current.display(value, mimeType);
            }
            realErr.println(value);
            return null;
        }
    }

    void updateDisplay(String displayId, Object value, String mimeType) {
        synchronized (lock) {
            deliverAll();
            if (current != null) {
                current.updateDisplay(displayId, value, mimeType);
            }
        }
    }

    void clearOutput(boolean wait) {
        synchronized (lock) {
            deliverAll();
            if (current != null) {
                current.clearOutput(wait);
            }
        }
    }

    private void written(PendingText stream, byte[] bytes, int offset, int length) {
        synchronized (lock) {
            PendingText other = stream == out ? err : out;
            if (!other.isEmpty()) {
                deliver(other.streamName, other.takeAll()); // keep stdout/stderr interleaving
            }
            stream.append(bytes, offset, length);
            String lines = stream.takeCompleteLines();
            if (!lines.isEmpty()) {
                deliver(stream.streamName, lines);
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
            for (PendingText stream : new PendingText[] {out, err}) {
                if (stream.isEmpty()) {
                    continue;
                }
                long waited = TimeUnit.NANOSECONDS.toMillis(now - stream.pendingSinceNanos());
                if (waited >= PARTIAL_LINE_MILLIS) {
                    deliver(stream.streamName, stream.takeAll());
                } else {
                    nextCheck = Math.min(nextCheck, PARTIAL_LINE_MILLIS - waited);
                }
            }
            if (nextCheck != Long.MAX_VALUE) {
                timerArmed = true;
                partialLineTimer.schedule(this::deliverStalePartialLines, nextCheck, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void deliverAll() {
        for (PendingText stream : new PendingText[] {out, err}) {
            if (!stream.isEmpty()) {
                deliver(stream.streamName, stream.takeAll());
            }
        }
    }

    private void deliver(String streamName, String text) {
        if (current != null) {
            current.write(streamName, text);
        } else {
            realErr.print(text);
            realErr.flush();
        }
    }

    private CellIO currentIO() {
        synchronized (lock) {
            deliverAll(); // a prompt must appear after the output printed before it
            return current;
        }
    }

    /** System.out / System.err. */
    private final class Sink extends OutputStream {
        private final PendingText stream;

        Sink(PendingText stream) {
            this.stream = stream;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            written(stream, bytes, offset, length);
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
