package reflow.kernel.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reflow.kernel.jshell.CellError;

/**
 * Everything one run of a cell produced that can be shown as a single output: printed text, the value's
 * MIME bundle, the error, and notes from the kernel (warnings, why it re-ran). Renders as one MIME bundle
 * (text/plain always; text/html when something needs styling or a rich value must be embedded), which is
 * what lets a later re-run replace the whole output in place.
 */
public record CellReport(String heading, String printed, Map<String, Object> value, CellError error,
                         List<String> notes) {

    private static final String NOTE_STYLE = "color:#8a6d3b;";
    private static final String ERROR_STYLE = "color:#b00020;";
    private static final String HEADING_STYLE = "color:#555;font-style:italic;";

    public Map<String, Object> toBundle() {
        StringBuilder plain = new StringBuilder();
        StringBuilder html = new StringBuilder();
        boolean needsHtml = error != null || heading != null || !notes.isEmpty();
        if (heading != null) {
            line(plain, heading);
            html.append(Html.pre(heading, HEADING_STYLE));
        }
        for (String note : notes) {
            line(plain, note);
            html.append(Html.pre(note, NOTE_STYLE));
        }
        if (printed != null && !printed.isEmpty()) {
            plain.append(printed);
            html.append(Html.pre(printed, ""));
        }
        if (value != null) {
            line(plain, String.valueOf(value.get("text/plain")));
            String rich = richHtml(value);
            if (rich != null) {
                needsHtml = true;
                html.append(rich);
            } else {
                html.append(Html.pre(String.valueOf(value.get("text/plain")), ""));
            }
        }
        if (error != null) {
            String trace = String.join("\n", error.traceback());
            line(plain, trace);
            html.append(Html.pre(trace, ERROR_STYLE));
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", stripTrailingNewline(plain.toString()));
        if (needsHtml) {
            bundle.put("text/html", "<div class=\"reflow-cell-output\">" + html + "</div>");
        }
        return bundle;
    }

    /** The value's richest form as embeddable HTML, or null when it only has text. */
    private static String richHtml(Map<String, Object> value) {
        if (value.get("text/html") instanceof String h) return h;
        if (value.get("image/svg+xml") instanceof String svg) return svg;
        if (value.get("image/png") instanceof String png) return "<img src=\"data:image/png;base64," + png + "\"/>";
        if (value.get("text/markdown") instanceof String md) return Html.pre(md, "");
        return null;
    }

    private static void line(StringBuilder out, String text) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') out.append('\n');
        out.append(text).append('\n');
    }

    private static String stripTrailingNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
