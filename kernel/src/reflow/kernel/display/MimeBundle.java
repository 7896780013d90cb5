package reflow.kernel.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import reflow.kernel.notebook.MimeValue;

/**
 * Turns a Java value into a Jupyter MIME bundle: always text/plain, plus what the value offers:
 * image/png for images, the declared type of a {@link MimeValue}, text/html from a public
 * {@code toHtml()} method and image/svg+xml from a public {@code toSvg()} method (duck typing, so
 * library classes and cell-declared classes need no Reflow import).
 */
public final class MimeBundle {
    private MimeBundle() {}

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
            data.put(mimeType, reflow.kernel.notebook.Notebook.json(value).content());
        } else if (value instanceof byte[] bytes) {
            data.put(mimeType, reflow.kernel.notebook.Notebook.image(bytes, mimeType).content());
        } else {
            data.put(mimeType, value instanceof String s ? s : String.valueOf(full.get("text/plain")));
        }
        data.put("text/plain", value instanceof String s && !mimeType.startsWith("text/") ? "[" + mimeType + "]"
                : full.get("text/plain"));
        return data;
    }

    public static Map<String, Object> of(Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text/plain", PlainText.of(value));
        if (value instanceof MimeValue mime) {
            data.put(mime.mimeType(), mime.content());
        } else if (value instanceof RenderedImage image) {
            String png = png(image);
            if (png != null) {
                data.put("image/png", png);
            }
        } else if (value != null) {
            addFromMethod(data, value, "toHtml", "text/html");
            addFromMethod(data, value, "toSvg", "image/svg+xml");
        }
        return data;
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
