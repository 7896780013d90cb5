package reflow.kernel.notebook;

/**
 * A value that already knows its MIME type, made by {@link Notebook#html}, {@link Notebook#markdown},
 * {@link Notebook#svg}, {@link Notebook#latex}, {@link Notebook#json}, {@link Notebook#image}; displays as
 * that type with {@code plainText} as the text/plain fallback. {@code content} is a String, or for
 * application/json a Jackson tree.
 */
public record MimeValue(String mimeType, Object content, String plainText) {
    @Override
    public String toString() {
        return plainText;
    }
}
