package reflow.kernel.notebook;

/**
 * A value that already knows its MIME type, made by {@link Notebook#html}, {@link Notebook#svg},
 * {@link Notebook#markdown}; displays as that type (with a text/plain fallback).
 */
public record MimeValue(String mimeType, String content, String plainText) {
    @Override
    public String toString() {
        return plainText;
    }
}
