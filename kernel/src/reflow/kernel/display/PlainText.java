package reflow.kernel.display;

import java.lang.reflect.Array;
import java.util.Arrays;

/** The text/plain form of a value: its toString, with arrays shown by content rather than identity. */
public final class PlainText {
    private PlainText() {}

    /**
     * JShell compiles each snippet into a class {@code REPL.$JShell$22} (cell classes are nested in it:
     * {@code REPL.$JShell$27$Foo}); those names leak into NullPointerException messages
     * ({@code "REPL.$JShell$22.s" is null}) and default toString ({@code REPL.$JShell$27$Foo@1b6d3586}).
     */
    private static final java.util.regex.Pattern JSHELL_NAME =
            java.util.regex.Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]?[.$]");

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
            return array(value);
        }
        if (value instanceof java.awt.image.RenderedImage image) {
            // Images carry image/png; their toString is a dump of colour-model internals.
            return "<" + value.getClass().getSimpleName() + " " + image.getWidth() + "x" + image.getHeight() + ">";
        }
        try {
            return withoutJShellNames(String.valueOf(value));
        } catch (RuntimeException e) {
            return value.getClass().getName() + " (toString() threw " + e + ")";
        }
    }

    private static String array(Object array) {
        if (array instanceof Object[] objects) {
            return Arrays.deepToString(objects);
        }
        StringBuilder out = new StringBuilder("[");
        int n = Array.getLength(array);
        for (int i = 0; i < n; i++) {
            if (i > 0) out.append(", ");
            out.append(Array.get(array, i));
        }
        return out.append(']').toString();
    }
}
