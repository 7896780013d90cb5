package reflow.kernel.jshell;

import reflow.kernel.notebook.NotebookRuntime;

/**
 * What the cell-callable {@code display}/{@code clearOutput} functions do: go to the evaluating cell, in
 * order with its printed output. The copy functions are delegated to whatever the kernel supplies
 * (identity until then).
 */
final class CellNotebookRuntime implements NotebookRuntime {
    private final CellRouting routing;
    private volatile NotebookRuntime copies = NotebookRuntime.NONE;

    CellNotebookRuntime(CellRouting routing) {
        this.routing = routing;
    }

    void setCopies(NotebookRuntime copies) {
        this.copies = copies == null ? NotebookRuntime.NONE : copies;
    }

    @Override
    public void display(Object value) {
        routing.display(value, null);
    }

    @Override
    public String display(Object value, String mimeType) {
        return routing.display(value, mimeType);
    }

    @Override
    public void updateDisplay(String displayId, Object value, String mimeType) {
        routing.updateDisplay(displayId, value, mimeType);
    }

    @Override
    public void pinOutput(Thread thread) {
        routing.pin(thread);
    }

    @Override
    public Runnable inThisCell(Runnable task) {
        return routing.inCell(task);
    }

    @Override
    public <T> java.util.concurrent.Callable<T> inThisCell(java.util.concurrent.Callable<T> task) {
        return routing.inCell(task);
    }

    @Override
    public void captured(OutputSink sink, Runnable block) {
        routing.runRoutedTo(new CellIO() {
            @Override public void write(String streamName, String text) { sink.write(streamName, text); }
            @Override public String readLine(String prompt) { return null; }
            @Override public void display(Object value) { sink.display(value); }
            @Override public String display(Object value, String mimeType) { sink.display(value); return null; }
            @Override public void clearOutput(boolean wait) { sink.clear(wait); }
        }, block);
    }

    @Override
    public void clearOutput(boolean wait) {
        routing.clearOutput(wait);
    }

    @Override
    public <T> T zeroCopy(T value) {
        return copies.zeroCopy(value);
    }

    @Override
    public <T> T shallowCopy(T value) {
        return copies.shallowCopy(value);
    }
}
