package reflow.kernel.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Functions every cell can call without imports (the kernel adds {@code import static
 * reflow.kernel.notebook.Notebook.*;} to the JShell startup).
 */
public final class Notebook {
    private Notebook() {}

    private static volatile NotebookRuntime runtime = NotebookRuntime.NONE;
    /** Built on first use of json(...): Jackson's set-up would otherwise slow every kernel's start. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Installed by the kernel. */
    public static void install(NotebookRuntime r) {
        runtime = r == null ? NotebookRuntime.NONE : r;
    }

    /**
     * Shows a value in the cell's output with every type it offers (text/plain always; HTML, images, tables,
     * what a registered renderer gives); returns a handle to replace it later.
     */
    public static DisplayHandle display(Object value) {
        return new DisplayHandle(runtime.display(value, null));
    }

    /** Shows a value as {@code mimeType} only (plus text/plain), e.g. {@code display(svgText, "image/svg+xml")}. */
    public static DisplayHandle display(Object value, String mimeType) {
        return new DisplayHandle(runtime.display(value, mimeType));
    }

    /** Replaces what display {@code displayId} shows, wherever it is (see {@link DisplayHandle#id()}). */
    public static void updateDisplay(String displayId, Object value) {
        runtime.updateDisplay(displayId, value, null);
    }

    public static void updateDisplay(String displayId, Object value, String mimeType) {
        runtime.updateDisplay(displayId, value, mimeType);
    }

    /** Clears the cell's output so far. */
    public static void clearOutput() {
        runtime.clearOutput(false);
    }

    /** Clears the cell's output when the next output arrives (avoids flicker in animations). */
    public static void clearOutput(boolean wait) {
        runtime.clearOutput(wait);
    }

    /**
     * Keeps {@code thread}'s output in this cell: without it, a thread prints into whichever cell runs when it
     * prints (or, when none runs, the cell that ran last), which is right for pools and workers that serve
     * later cells. Returns the thread, so {@code pinOutput(new Thread(task)).start()} works.
     */
    public static Thread pinOutput(Thread thread) {
        runtime.pinOutput(thread);
        return thread;
    }

    /** Wraps a task so its output shows in this cell on whatever thread runs it: {@code pool.submit(inThisCell(() -> ...))}. */
    public static Runnable inThisCell(Runnable task) {
        return runtime.inThisCell(task);
    }

    public static <T> java.util.concurrent.Callable<T> inThisCell(java.util.concurrent.Callable<T> task) {
        return runtime.inThisCell(task);
    }

    /** Runs {@code block} with its printed text and displays going to {@code sink} (the Output widget). */
    public static void captured(NotebookRuntime.OutputSink sink, Runnable block) {
        runtime.captured(sink, block);
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

    /** A LaTeX formula, e.g. {@code latex("E = mc^2")} (wrapped in $$...$$ unless it has its own delimiters). */
    public static MimeValue latex(String latex) {
        String t = latex.strip();
        boolean delimited = t.startsWith("$") || t.startsWith("\\[") || t.startsWith("\\(") || t.startsWith("\\begin");
        return new MimeValue("text/latex", delimited ? t : "$$" + t + "$$", latex);
    }

    /** A value as JSON (records, maps, lists, beans, through Jackson), shown as a collapsible tree. */
    public static MimeValue json(Object value) {
        JsonNode tree = value instanceof String s ? parse(s) : Json.MAPPER.valueToTree(value);
        try {
            return new MimeValue("application/json", tree, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write this value as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** An image from its encoded bytes, e.g. {@code image(Files.readAllBytes(path), "image/png")}. */
    public static MimeValue image(byte[] bytes, String mimeType) {
        if (!mimeType.startsWith("image/")) {
            throw new IllegalArgumentException("image(...) takes an image type such as image/png, not " + mimeType);
        }
        String content = mimeType.equals("image/svg+xml")
                ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes);
        return new MimeValue(mimeType, content, "[" + mimeType + " image, " + bytes.length + " bytes]");
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
