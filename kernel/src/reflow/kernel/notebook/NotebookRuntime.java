package reflow.kernel.notebook;

/** What the {@link Notebook} functions delegate to; the kernel provides it. */
public interface NotebookRuntime {
    void display(Object value);

    /** Shows a value (only as {@code mimeType} when that is not null); returns the display id, or null. */
    default String display(Object value, String mimeType) {
        display(value);
        return null;
    }

    default void updateDisplay(String displayId, Object value, String mimeType) {
    }

    void clearOutput(boolean wait);

    /** Output of {@code thread} goes to the calling cell from now on. */
    default void pinOutput(Thread thread) {
    }

    /** {@code task}, whose output goes to the calling cell on whatever thread it runs. */
    default Runnable inThisCell(Runnable task) {
        return task;
    }

    default <T> java.util.concurrent.Callable<T> inThisCell(java.util.concurrent.Callable<T> task) {
        return task;
    }

    /** Where {@link #captured} sends a block's output (an Output widget). */
    interface OutputSink {
        void write(String streamName, String text);

        void display(Object value);

        void clear(boolean wait);
    }

    /** Runs {@code block} with what it prints or displays on the calling thread going to {@code sink}. */
    default void captured(OutputSink sink, Runnable block) {
        block.run();
    }

    <T> T zeroCopy(T value);

    <T> T shallowCopy(T value);

    NotebookRuntime NONE = new NotebookRuntime() {
        @Override public void display(Object value) { System.out.println(value); }
        @Override public void clearOutput(boolean wait) {}
        @Override public <T> T zeroCopy(T value) { return value; }
        @Override public <T> T shallowCopy(T value) { return value; }
    };
}
