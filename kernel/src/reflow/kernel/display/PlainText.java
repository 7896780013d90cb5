package reflow.kernel.display;

import java.lang.reflect.Array;
import java.util.Arrays;

/** The text/plain form of a value: its toString, with arrays shown by content rather than identity. */
public final class PlainText {
    private PlainText() {}

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
            return String.valueOf(value);
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
