package reflow.kernel.jshell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A javadoc comment as JShell hands it over (raw: HTML, inline tags such as {@code {@code x}} and
 * {@code {@link A#b}}, block tags such as {@code @param}) turned into what a reader wants: plain text,
 * HTML and Markdown, with the description first and then Parameters, Returns, Throws, ... sections.
 */
final class Javadoc {
    private record Section(String heading, List<String> items) {}

    private final String description; // HTML, inline tags resolved
    private final Map<String, Section> sections = new LinkedHashMap<>();

    private static final Map<String, String> HEADINGS = new LinkedHashMap<>();
    static {
        HEADINGS.put("deprecated", "Deprecated");
        HEADINGS.put("apiNote", "API note");
        HEADINGS.put("implSpec", "Implementation requirements");
        HEADINGS.put("implNote", "Implementation note");
        HEADINGS.put("param", "Parameters");
        HEADINGS.put("return", "Returns");
        HEADINGS.put("throws", "Throws");
        HEADINGS.put("exception", "Throws");
        HEADINGS.put("since", "Since");
        HEADINGS.put("see", "See also");
    }

    private static final Pattern BLOCK_TAG = Pattern.compile("^@(\\w+)\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<(/?)(\\w+)[^>]*>");

    Javadoc(String raw) {
        StringBuilder desc = new StringBuilder();
        String tag = null;
        StringBuilder tagText = new StringBuilder();
        for (String line : raw.split("\n", -1)) {
            String t = line.strip();
            Matcher m = t.startsWith("@") ? BLOCK_TAG.matcher(t) : null;
            if (m != null && m.matches()) {
                addSection(tag, tagText.toString());
                tag = m.group(1);
                tagText.setLength(0);
                tagText.append(m.group(2));
            } else if (tag != null) {
                tagText.append('\n').append(line);
            } else {
                desc.append(line).append('\n');
            }
        }
        addSection(tag, tagText.toString());
        this.description = inline(desc.toString().strip());
    }

    private void addSection(String tag, String text) {
        if (tag == null || !HEADINGS.containsKey(tag)) {
            return; // @author, @version, @serial...: not for a reader of the API
        }
        String body = text.strip();
        if (tag.equals("param") || tag.equals("throws") || tag.equals("exception")) {
            String[] nameAndRest = body.split("\\s+", 2);
            String name = nameAndRest[0].replace("<", "&lt;").replace(">", "&gt;");
            body = "<code>" + name + "</code>" + (nameAndRest.length > 1 ? " - " + inline(nameAndRest[1]) : "");
        } else if (tag.equals("see")) {
            body = body.startsWith("<") || body.startsWith("\"") ? inline(body) : "<code>" + linkTarget(body) + "</code>";
        } else {
            body = inline(body);
        }
        String heading = HEADINGS.get(tag);
        sections.computeIfAbsent(heading, h -> new Section(h, new ArrayList<>())).items().add(body);
    }

    /** Inline tags to HTML: {@code x} and {@literal x} as code/text, {@link A#b label} as its label. */
    private static String inline(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{@", i);
            if (open < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, open);
            int end = matchingBrace(text, open);
            if (end < 0) {
                out.append(text.substring(open));
                break;
            }
            String inner = text.substring(open + 2, end);
            String[] nameAndBody = inner.split("\\s+", 2);
            String name = nameAndBody[0];
            String body = nameAndBody.length > 1 ? nameAndBody[1].strip() : "";
            out.append(switch (name) {
                case "code" -> "<code>" + escape(body) + "</code>";
                case "literal" -> escape(body);
                case "link", "linkplain" -> {
                    String[] targetAndLabel = body.split("\\s+", 2);
                    String label = targetAndLabel.length > 1 ? targetAndLabel[1].strip() : linkTarget(targetAndLabel[0]);
                    yield name.equals("link") ? "<code>" + label + "</code>" : label;
                }
                case "inheritDoc" -> "";
                default -> body.isEmpty() ? "" : body; // {@value}, {@index x}, {@summary x}, {@systemProperty x}
            });
            i = end + 1;
        }
        return out.toString();
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int j = open; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '{') depth++;
            if (c == '}' && --depth == 0) return j;
        }
        return -1;
    }

    /** {@code java.util.List#add(Object)} reads as {@code List.add(Object)}. */
    private static String linkTarget(String target) {
        String t = target.strip();
        if (t.startsWith("#")) t = t.substring(1);
        int hash = t.indexOf('#');
        String type = hash < 0 ? t : t.substring(0, hash);
        String member = hash < 0 ? "" : "." + t.substring(hash + 1);
        int paren = type.indexOf('(');
        String simple = type.substring(type.lastIndexOf('.', paren < 0 ? type.length() : paren) + 1);
        return escape(simple + member);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    String html() {
        StringBuilder out = new StringBuilder("<div class=\"reflow-javadoc\">").append(withoutLinks(description));
        if (!sections.isEmpty()) {
            out.append("<dl>");
            for (Section s : sections.values()) {
                out.append("<dt><b>").append(s.heading()).append(":</b></dt>");
                for (String item : s.items()) out.append("<dd>").append(withoutLinks(item)).append("</dd>");
            }
            out.append("</dl>");
        }
        return out.append("</div>").toString();
    }

    /** Javadoc's relative links ("../util/Formatter.html") lead nowhere in a notebook: keep their text. */
    private static String withoutLinks(String html) {
        return html.replaceAll("(?i)</?a\\b[^>]*>", "");
    }

    String text() {
        return render(false);
    }

    String markdown() {
        return render(true);
    }

    private String render(boolean markdown) {
        StringBuilder out = new StringBuilder(toText(description, markdown));
        for (Section s : sections.values()) {
            out.append("\n\n").append(markdown ? "**" + s.heading() + ":**" : s.heading() + ":");
            for (String item : s.items()) {
                out.append('\n').append(markdown ? "- " : "  ").append(toText(item, markdown).replace("\n", "\n    "));
            }
        }
        return out.toString().strip();
    }

    /** HTML to readable text (or Markdown): paragraphs, list items, code; other tags dropped. */
    static String toText(String html, boolean markdown) {
        StringBuilder out = new StringBuilder();
        Matcher m = TAG.matcher(html);
        int last = 0;
        boolean pre = false;
        while (m.find()) {
            out.append(words(html.substring(last, m.start()), pre));
            String name = m.group(2).toLowerCase(java.util.Locale.ROOT);
            boolean closing = !m.group(1).isEmpty();
            switch (name) {
                case "p" -> { if (!closing) out.append("\n\n"); }
                case "br" -> out.append('\n');
                case "li" -> { if (!closing) out.append("\n- "); }
                case "ul", "ol", "dl" -> out.append('\n');
                case "pre" -> { pre = !closing; out.append(markdown ? "\n```\n" : "\n"); }
                case "code", "tt" -> { if (markdown && !pre) out.append('`'); }
                case "b", "strong" -> { if (markdown) out.append("**"); }
                case "i", "em", "cite" -> { if (markdown) out.append('*'); }
                default -> { }
            }
            last = m.end();
        }
        out.append(words(html.substring(last), pre));
        String text = out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n ", "\n")
                .replaceAll("\\n{3,}", "\n\n").strip();
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#64;", "@")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    /** Outside {@code <pre>}, line breaks in the source are just spaces, as in a browser. */
    private static String words(String text, boolean pre) {
        return pre ? text : text.replaceAll("\\s+", " ");
    }
}
