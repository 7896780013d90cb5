package reflow.kernel.display;

/** Minimal HTML escaping for text placed inside our own markup. */
public final class Html {
    private Html() {}

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static String pre(String text, String style) {
        return "<pre style=\"margin:0;" + style + "\">" + escape(text) + "</pre>";
    }
}
