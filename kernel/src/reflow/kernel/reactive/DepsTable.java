package reflow.kernel.reactive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** {@code %deps}: what each tracked cell defines and uses, and which cells it depends on, as a table. */
final class DepsTable {
    private DepsTable() {}

    static Map<String, Object> render(ReactiveEngine engine, List<TrackedCell> selected) {
        String[] header = {"cell", "defines", "uses", "depends on", "used by", "status"};
        List<String[]> rows = new ArrayList<>();
        for (TrackedCell cell : selected) {
            rows.add(new String[] {
                cell.label(),
                defines(cell),
                String.join(", ", new TreeSet<>(cell.analysis.uses().stream()
                        .filter(n -> !engine.graph().definersOf(n).isEmpty()).toList())),
                edges(engine, engine.graph().parents(cell.id)),
                edges(engine, engine.graph().children(cell.id)),
                cell.stale ? "stale" : "up to date"});
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", rows.isEmpty()
                ? "No tracked cells yet: reactivity follows cells that the frontend identifies (JupyterLab, VS Code)."
                : plain(header, rows));
        bundle.put("text/html", html(header, rows));
        return bundle;
    }

    /**
     * What the cell holds in the session as JShell reported it (methods with their parameter types), and the
     * names it means to define that are not there (its run failed before them).
     */
    private static String defines(TrackedCell cell) {
        List<String> shown = new ArrayList<>();
        Set<String> held = new java.util.HashSet<>();
        for (reflow.kernel.jshell.Definition d : cell.declared) {
            shown.add(d.display());
            held.add(d.name());
        }
        for (String name : cell.analysis.defines()) {
            if (!held.contains(name)) shown.add(name + " (not defined)");
        }
        return String.join(", ", shown);
    }

    private static String edges(ReactiveEngine engine, Map<String, Set<String>> neighbours) {
        return neighbours.entrySet().stream()
                .map(e -> label(engine, e.getKey()) + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining("; "));
    }

    private static String label(ReactiveEngine engine, String id) {
        TrackedCell c = engine.cells().get(id);
        return c == null ? id : "[" + c.executionCount + "]";
    }

    private static String plain(String[] header, List<String[]> rows) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] r : rows) width[i] = Math.max(width[i], r[i].length());
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header, width);
        String[] rule = new String[header.length];
        for (int i = 0; i < header.length; i++) rule[i] = "-".repeat(width[i]);
        appendRow(out, rule, width);
        for (String[] r : rows) appendRow(out, r, width);
        return out.toString().stripTrailing();
    }

    private static void appendRow(StringBuilder out, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            out.append(i == 0 ? "" : "  ").append(String.format("%-" + Math.max(1, width[i]) + "s", cells[i]));
        }
        out.append('\n');
    }

    private static String html(String[] header, List<String[]> rows) {
        StringBuilder out = new StringBuilder("<table class=\"reflow-deps\"><thead><tr>");
        for (String h : header) out.append("<th style=\"text-align:left\">").append(escape(h)).append("</th>");
        out.append("</tr></thead><tbody>");
        for (String[] r : rows) {
            out.append("<tr>");
            for (String c : r) out.append("<td style=\"text-align:left\"><code>").append(escape(c)).append("</code></td>");
            out.append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
