package reflow.kernel.notebook;

/**
 * Functions every cell can call without imports (the kernel adds {@code import static
 * reflow.kernel.notebook.Notebook.*;} to the JShell startup).
 */
public final class Notebook {
    private Notebook() {}

    private static volatile NotebookRuntime runtime = NotebookRuntime.NONE;

    /** Installed by the kernel. */
    public static void install(NotebookRuntime r) {
        runtime = r == null ? NotebookRuntime.NONE : r;
    }

    /** Shows a value in the cell's output, as text/plain plus richer types the value offers. */
    public static void display(Object value) {
        runtime.display(value);
    }

    /** Clears the cell's output so far. */
    public static void clearOutput() {
        runtime.clearOutput(false);
    }

    /** Clears the cell's output when the next output arrives (avoids flicker in animations). */
    public static void clearOutput(boolean wait) {
        runtime.clearOutput(wait);
    }

    /** An HTML fragment to display or to end a cell with. */
    public static MimeValue html(String html) {
        return new MimeValue("text/html", html, "[HTML]");
    }

    /** An SVG image to display or to end a cell with. */
    public static MimeValue svg(String svg) {
        return new MimeValue("image/svg+xml", svg, "[SVG image]");
    }

    /** Markdown text to display or to end a cell with. */
    public static MimeValue markdown(String markdown) {
        return new MimeValue("text/markdown", markdown, markdown);
    }

    /** Strict mode: share this value by reference instead of copying it into other cells. */
    public static <T> T zeroCopy(T value) {
        return runtime.zeroCopy(value);
    }

    /** Strict mode: copy only the container; its elements are shared. */
    public static <T> T shallowCopy(T value) {
        return runtime.shallowCopy(value);
    }
}
