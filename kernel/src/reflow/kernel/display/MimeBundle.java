package reflow.kernel.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.imageio.ImageIO;
import reflow.kernel.notebook.MimeValue;
import reflow.kernel.notebook.Notebook;

/**
 * Turns a Java value into a Jupyter MIME bundle: always text/plain, plus what the value offers, first
 * match wins: a renderer registered for its type ({@link RendererRegistry}); the declared type of a
 * {@link MimeValue} (html, markdown, svg, latex, json, image); image/png for images; for Optional, what
 * its content shows; a table for a Map and for a collection or array of records, beans or maps; text/html
 * from a public {@code toHtml()} and image/svg+xml from a public {@code toSvg()} method (duck typing, so
 * library and cell classes need no Reflow import).
 */
public final class MimeBundle {
    private MimeBundle() {}

    /** Renderers may show values through MimeBundle again; this stops one that shows its own type. */
    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

    /**
     * The bundle of {@code value} shown as {@code mimeType} only (plus text/plain); null means every type.
     * A String is taken as content of that type ({@code display(svgText, "image/svg+xml")}).
     */
    public static Map<String, Object> of(Object value, String mimeType) {
        if (mimeType == null || mimeType.isBlank()) {
            return of(value);
        }
        Map<String, Object> full = of(value);
        Map<String, Object> data = new LinkedHashMap<>();
        if (full.containsKey(mimeType)) {
            data.put(mimeType, full.get(mimeType));
        } else if (mimeType.equals("application/json") && !(value instanceof String)) {
            data.put(mimeType, Notebook.json(value).content());
        } else if (value instanceof byte[] bytes) {
            data.put(mimeType, Notebook.image(bytes, mimeType).content());
        } else {
            data.put(mimeType, value instanceof String s ? s : String.valueOf(full.get("text/plain")));
        }
        data.put("text/plain", value instanceof String && !mimeType.startsWith("text/") ? "[" + mimeType + "]"
                : full.get("text/plain"));
        return data;
    }

    public static Map<String, Object> of(Object value) {
        int depth = DEPTH.get();
        DEPTH.set(depth + 1);
        try {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("text/plain", PlainText.of(value));
            if (value != null) {
                addRich(data, value, depth == 0);
            }
            return data;
        } finally {
            DEPTH.set(depth);
        }
    }

    private static void addRich(Map<String, Object> data, Object value, boolean renderersAllowed) {
        Function<Object, ?> renderer = renderersAllowed ? RendererRegistry.INSTANCE.find(value) : null;
        if (value instanceof reflow.kernel.widgets.Widget widget) {
            data.put(reflow.kernel.widgets.Widget.VIEW_MIME, widget.viewData()); // text/plain stays: nbconvert shows it
        } else if (renderer != null) {
            addRendered(data, value, renderer);
        } else if (value instanceof MimeValue mime) {
            data.put(mime.mimeType(), mime.content());
        } else if (value instanceof RenderedImage image) {
            String png = png(image);
            if (png != null) {
                data.put("image/png", png);
            }
        } else if (value instanceof Optional<?> optional) {
            optional.ifPresent(inner -> {
                Map<String, Object> shown = of(inner);
                shown.remove("text/plain"); // keeps "Optional[...]"
                data.putAll(shown);
            });
        } else if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            data.putAll(Table.ofMap(map, Table.shownOf(map.size())).bundle());
        } else {
            Table table = rowsOf(value);
            if (table != null) {
                data.putAll(table.bundle());
                return;
            }
            addFromMethod(data, value, "toHtml", "text/html");
            addFromMethod(data, value, "toSvg", "image/svg+xml");
        }
    }

    private static void addRendered(Map<String, Object> data, Object value, Function<Object, ?> renderer) {
        Object rendered;
        try {
            rendered = renderer.apply(value);
        } catch (RuntimeException e) {
            data.put("text/plain", data.get("text/plain") + "\n(the renderer registered for "
                    + value.getClass().getSimpleName() + " failed: " + e + ")");
            return;
        }
        if (rendered instanceof Map<?, ?> bundle) {
            bundle.forEach((k, v) -> data.put(String.valueOf(k), v));
        } else if (rendered instanceof String s) {
            data.put("text/plain", s);
        } else if (rendered != null) {
            data.putAll(of(rendered)); // depth > 0: built-in rendering only
        }
    }

    /** A table for a collection or array whose elements are all rows (records, beans, maps), else null. */
    private static Table rowsOf(Object value) {
        long size;
        List<Object> head = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            size = c.size();
            int shown = Table.shownOf(size);
            for (Object o : c) {
                if (head.size() >= shown) break;
                head.add(o);
            }
        } else if (value instanceof Object[] array) {
            size = array.length;
            for (int i = 0; i < Table.shownOf(size); i++) head.add(Array.get(array, i));
        } else {
            return null;
        }
        if (head.isEmpty() || !head.stream().allMatch(Rows::isRow)) {
            return null;
        }
        return Table.of(head, size);
    }

    private static String png(RenderedImage image) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", bytes)) {
                return null;
            }
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void addFromMethod(Map<String, Object> data, Object value, String methodName, String mime) {
        try {
            Method m = value.getClass().getMethod(methodName);
            if (m.getReturnType() == String.class && Modifier.isPublic(m.getModifiers())) {
                m.setAccessible(true);
                Object rendered = m.invoke(value);
                if (rendered != null) {
                    data.put(mime, rendered);
                }
            }
        } catch (NoSuchMethodException ignored) {
            // the value does not offer this type
        } catch (ReflectiveOperationException | RuntimeException e) {
            data.put("text/plain", data.get("text/plain") + "\n(" + methodName + "() failed: " + e + ")");
        }
    }
}
