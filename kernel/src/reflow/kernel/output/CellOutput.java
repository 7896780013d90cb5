package reflow.kernel.output;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import reflow.kernel.display.MimeBundle;
import reflow.kernel.display.PlainText;
import reflow.kernel.jshell.CellError;
import reflow.kernel.jshell.CellIO;
import reflow.kernel.jshell.CellOutcome;
import reflow.kernel.notebook.DisplayHandle;
import reflow.protocol.ExecutionContext;

/**
 * The output of one run of one cell, in the messages ipykernel sends: {@code stream} for printed text
 * (batched), {@code display_data} with a display id for each display(...), {@code execute_result} with the
 * cell's prompt for its value, {@code error} for an exception. All of it is parented to {@code target}: the
 * cell's own request, also for a re-run, so frontends put it in that cell (see {@link Presenter}).
 *
 * <p>A re-run replaces the cell's earlier output: a {@code clear_output(wait)} goes out right before its first
 * new output (or at the end when it shows nothing), so the cell never flickers empty.
 *
 * <p>Printed text is held for at most {@value #FLUSH_MS} ms (ipykernel: 200 ms), so a tight print loop
 * sends a few messages per second however many lines it prints; anything else the cell shows first sends
 * the text before it, keeping the order. A run shows at most {@value #MAX_CHARS} characters of printed
 * text; the rest is counted and named in one note. Output may keep arriving after the run ended (threads
 * the cell started): it goes to the same place.
 */
final class CellOutput implements CellIO {
    static final long FLUSH_MS = 200;
    static final int MAX_CHARS = 1_000_000;
    private static final int MAX_COPY_CHARS = 20_000;

    private final Presenter presenter;
    private final ExecutionContext target;
    private final CellRef cell;
    private final boolean replacesEarlier;
    /** What the triggering cell shows of this run for clients that cannot update in place; null otherwise. */
    private final StringBuilder copy;
    private final List<Segment> pending = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private long elapsedNanos = -1;
    private long printedChars;
    private long droppedChars;
    private long droppedNoted;
    private boolean cleared;
    private boolean flushScheduled;
    private boolean finished;

    private static final class Segment {
        final String stream;
        final StringBuilder text = new StringBuilder();

        Segment(String stream) {
            this.stream = stream;
        }
    }

    CellOutput(Presenter presenter, ExecutionContext target, CellRef cell, boolean replacesEarlier, boolean keepCopy) {
        this.presenter = presenter;
        this.target = target;
        this.cell = cell;
        this.replacesEarlier = replacesEarlier;
        this.copy = keepCopy ? new StringBuilder() : null;
    }

    @Override
    public synchronized void write(String streamName, String text) {
        long room = MAX_CHARS - printedChars;
        String kept = text;
        if (text.length() > room) {
            int cut = (int) Math.max(0, room);
            int lineEnd = text.lastIndexOf('\n', cut - 1);
            cut = lineEnd >= 0 ? lineEnd + 1 : cut; // keep whole lines where possible
            kept = text.substring(0, cut);
            droppedChars += text.length() - cut;
            printedChars = MAX_CHARS;
        } else {
            printedChars += text.length();
        }
        if (!kept.isEmpty()) {
            append(streamName, kept);
        }
        scheduleFlush();
    }

    /** A kernel note, on stderr as Python's warnings are; never truncated. */
    synchronized void note(String text) {
        append("stderr", text.endsWith("\n") ? text : text + "\n");
        scheduleFlush();
    }

    private void append(String stream, String text) {
        Segment last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
        if (last == null || !last.stream.equals(stream)) {
            last = new Segment(stream);
            pending.add(last);
        }
        last.text.append(text);
        if (copy != null && copy.length() < MAX_COPY_CHARS) {
            copy.append(text, 0, Math.min(text.length(), MAX_COPY_CHARS - copy.length()));
        }
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            try {
                presenter.timer().schedule(this::timedFlush, FLUSH_MS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                flushScheduled = false;
                flush(); // the kernel is shutting down: no batching any more
            }
        }
    }

    private synchronized void timedFlush() {
        flushScheduled = false;
        flush();
        if (finished && droppedNoted == 0) {
            noteTruncation(); // a thread of a finished cell went past the cap: said once, not every flush
        }
    }

    private void flush() {
        for (Segment s : pending) {
            beforeOutput();
            target.stream(s.stream, PlainText.withoutJShellNames(s.text.toString()));
        }
        pending.clear();
    }

    /** Before anything this run shows: the earlier output is cleared (at the first one), and the area shows output. */
    private void beforeOutput() {
        if (replacesEarlier && !cleared) {
            cleared = true;
            if (presenter.mayShowOutput(cell.id())) {
                target.clearOutput(true);
            }
        }
        presenter.showsOutput(cell.id());
    }

    @Override
    public String readLine(String prompt) throws IOException {
        synchronized (this) {
            flush(); // the prompt comes after what was printed before it
        }
        presenter.showsOutput(cell.id()); // frontends keep the prompt and the answer in the output area
        return StdinReader.readLine(target, prompt);
    }

    @Override
    public void display(Object value) {
        display(value, null);
    }

    @Override
    public synchronized String display(Object value, String mimeType) {
        flush();
        Map<String, Object> bundle = MimeBundle.of(value, mimeType);
        String id = presenter.newDisplayId();
        beforeOutput();
        target.displayData(bundle, Map.of(), id);
        if (copy != null) {
            copyLine(String.valueOf(bundle.get("text/plain")));
        }
        return id;
    }

    @Override
    public synchronized void updateDisplay(String displayId, Object value, String mimeType) {
        flush();
        target.updateDisplayData(MimeBundle.of(value, mimeType), Map.of(), displayId);
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        pending.clear();
        cleared = true; // the cell cleared its own earlier output
        target.clearOutput(wait);
        if (copy != null) {
            copy.setLength(0);
        }
    }

    /** The run ended: its value or error follows its printed text. */
    synchronized void finish(CellOutcome outcome) {
        flush();
        elapsedNanos = System.nanoTime() - startNanos;
        if (!outcome.ok()) {
            CellError e = outcome.error();
            beforeOutput();
            target.error(PlainText.withoutJShellNames(e.ename()), PlainText.withoutJShellNames(e.evalue()),
                    e.traceback().stream().map(PlainText::withoutJShellNames).toList());
            if (copy != null) {
                copyLine(String.join("\n", e.traceback()));
            }
        } else if (outcome.hasValue() && !(outcome.value() instanceof DisplayHandle)) {
            // A cell ending in display(x) shows x once, not also the handle display(...) returned.
            Map<String, Object> bundle = MimeBundle.of(outcome.value());
            beforeOutput();
            target.executeResult(cell.executionCount(), bundle, Map.of());
            if (copy != null) {
                copyLine(String.valueOf(bundle.get("text/plain")));
            }
        }
        noteTruncation();
        if (replacesEarlier && !cleared) {
            cleared = true;
            if (presenter.mayShowOutput(cell.id())) {
                target.clearOutput(false); // the re-run shows nothing: neither may the cell
            }
            presenter.outputCleared(cell.id());
        }
        finished = true;
    }

    private void noteTruncation() {
        if (droppedChars > droppedNoted) {
            long more = droppedChars - droppedNoted;
            droppedNoted = droppedChars;
            beforeOutput();
            target.stream("stderr", "[output truncated (" + megabytes(more) + " more): a cell shows at most the first "
                    + megabytes(MAX_CHARS) + " of printed text; write large output to a file]\n");
        }
    }

    static String megabytes(long chars) {
        return String.format(Locale.ROOT, "%.1f MB", chars / 1_000_000.0);
    }

    private void copyLine(String text) {
        if (copy.length() < MAX_COPY_CHARS) {
            if (copy.length() > 0 && copy.charAt(copy.length() - 1) != '\n') copy.append('\n');
            copy.append(text, 0, Math.min(text.length(), MAX_COPY_CHARS - copy.length())).append('\n');
        }
    }

    synchronized long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(elapsedNanos < 0 ? System.nanoTime() - startNanos : elapsedNanos);
    }

    synchronized String copyText() {
        return copy == null ? null : copy.toString();
    }
}
