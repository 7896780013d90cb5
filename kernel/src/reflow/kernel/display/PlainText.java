package reflow.kernel.display;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text/plain form of a value: its toString, with arrays shown by content rather than identity, large
 * collections and arrays cut to their first {@value #HEAD_ELEMENTS} elements, very long text cut to
 * {@value #MAX_CHARS} characters (a value never becomes a multi-megabyte output by accident), and
 * JShell's wrapper class names removed.
 */
public final class PlainText {
    private PlainText() {}

    static final int MAX_ELEMENTS = 1_000;
    static final int HEAD_ELEMENTS = 100;
    static final int MAX_CHARS = 100_000;

    /**
     * JShell compiles each snippet into a class {@code REPL.$JShell$22} (cell classes are nested in it:
     * {@code REPL.$JShell$27$Foo}); those names leak into NullPointerException messages
     * ({@code "REPL.$JShell$22.s" is null}) and default toString ({@code REPL.$JShell$27$Foo@1b6d3586}).
     */
    private static final Pattern JSHELL_NAME = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]?[.$]");

    /** The text with JShell's wrapper class names removed: {@code "s" is null}, {@code Foo@1b6d3586}. */
    public static String withoutJShellNames(String text) {
        if (text == null || !text.contains("$JShell$")) {
            return text;
        }
        return JSHELL_NAME.matcher(text).replaceAll("");
    }

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            return cut(withoutJShellNames(array(value)));
        }
        if (value instanceof java.awt.image.RenderedImage image) {
            // Images carry image/png; their toString is a dump of colour-model internals.
            return "<" + value.getClass().getSimpleName() + " " + image.getWidth() + "x" + image.getHeight() + ">";
        }
        try {
            if (value instanceof Collection<?> c && c.size() > MAX_ELEMENTS) {
                return cut(withoutJShellNames(head(c.iterator(), c.size())));
            }
            return cut(withoutJShellNames(String.valueOf(value)));
        } catch (RuntimeException e) {
            return withoutJShellNames(value.getClass().getName()) + " (toString() threw " + e + ")";
        }
    }

    private static String head(Iterator<?> it, long size) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < HEAD_ELEMENTS && it.hasNext(); i++) {
            if (i > 0) out.append(", ");
            Object e = it.next();
            out.append(e != null && e.getClass().isArray() ? array(e) : String.valueOf(e));
        }
        return out.append(String.format(Locale.ROOT, ", ... %,d more]", size - HEAD_ELEMENTS)).toString();
    }

    private static String cut(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        return text.substring(0, MAX_CHARS) + String.format(Locale.ROOT, "... (%,d more characters)", text.length() - MAX_CHARS);
    }

    private static String array(Object array) {
        int n = Array.getLength(array);
        if (n > MAX_ELEMENTS) {
            return head(Arrays.asList(boxed(array, HEAD_ELEMENTS)).iterator(), n);
        }
        if (array instanceof Object[] objects) {
            return Arrays.deepToString(objects);
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) out.append(", ");
            out.append(Array.get(array, i));
        }
        return out.append(']').toString();
    }

    private static Object[] boxed(Object array, int count) {
        Object[] head = new Object[Math.min(count, Array.getLength(array))];
        for (int i = 0; i < head.length; i++) head[i] = Array.get(array, i);
        return head;
    }
}
