package reflow.kernel.display;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rows shown as a table: text/html (pandas-like, with a row index) and an aligned text/plain table. A table
 * of more than {@value #SHOW_ALL} rows shows its first {@value #HEAD} and says how many more there are, so
 * a list of a million records never becomes a multi-megabyte output.
 */
final class Table {
    static final int SHOW_ALL = 20;
    static final int HEAD = 10;
    private static final int MAX_CELL_CHARS = 60;

    private final List<String> columns;
    private final List<List<String>> rows;
    private final List<String> index;
    private final long total;

    private Table(List<String> columns, List<List<String>> rows, List<String> index, long total) {
        this.columns = columns;
        this.rows = rows;
        this.index = index;
        this.total = total;
    }

    /** Rows read with {@link Rows}; {@code total} is the collection's size (only the shown ones are read). */
    static Table of(List<?> shownRows, long total) {
        List<Map<String, Object>> read = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        for (Object row : shownRows) {
            Map<String, Object> cells = row == null ? Map.of() : Rows.columns(row);
            read.add(cells);
            columns.addAll(cells.keySet());
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> index = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(read.get(i).containsKey(c) ? cell(read.get(i).get(c)) : "");
            }
            rows.add(cells);
            index.add(String.valueOf(i));
        }
        return new Table(List.copyOf(columns), rows, index, total);
    }

    /** A map as two columns, key and value. */
    static Table ofMap(Map<?, ?> map, int shown) {
        List<List<String>> rows = new ArrayList<>();
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (i++ >= shown) break;
            rows.add(List.of(cell(e.getKey()), cell(e.getValue())));
        }
        return new Table(List.of("key", "value"), rows, null, map.size());
    }

    private static String cell(Object value) {
        String text = PlainText.of(value).replace('\n', ' ');
        return text.length() > MAX_CELL_CHARS ? text.substring(0, MAX_CELL_CHARS - 3) + "..." : text;
    }

    /** How many rows to read of {@code size}: all when few, else the head. */
    static int shownOf(long size) {
        return size > SHOW_ALL ? HEAD : (int) size;
    }

    private String more() {
        long hidden = total - rows.size();
        return hidden <= 0 ? null : String.format(Locale.ROOT, "... %,d more row%s", hidden, hidden == 1 ? "" : "s");
    }

    private String size() {
        return String.format(Locale.ROOT, "%,d row%s \u00d7 %d column%s", total, total == 1 ? "" : "s",
                columns.size(), columns.size() == 1 ? "" : "s");
    }

    String html() {
        StringBuilder out = new StringBuilder("<table class=\"reflow-table dataframe\" border=\"1\"><thead><tr>");
        if (index != null) out.append("<th></th>");
        for (String c : columns) out.append("<th>").append(Html.escape(c)).append("</th>");
        out.append("</tr></thead><tbody>");
        for (int r = 0; r < rows.size(); r++) {
            out.append("<tr>");
            if (index != null) out.append("<th>").append(index.get(r)).append("</th>");
            for (String v : rows.get(r)) out.append("<td>").append(Html.escape(v)).append("</td>");
            out.append("</tr>");
        }
        out.append("</tbody></table>");
        String more = more();
        if (more != null) {
            out.append("<p>").append(Html.escape(more)).append(" (").append(Html.escape(size())).append(")</p>");
        }
        return out.toString();
    }

    String text() {
        List<String> header = new ArrayList<>();
        if (index != null) header.add("");
        header.addAll(columns);
        List<List<String>> body = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<String> line = new ArrayList<>();
            if (index != null) line.add(index.get(r));
            line.addAll(rows.get(r));
            body.add(line);
        }
        int[] width = new int[header.size()];
        boolean[] numeric = new boolean[header.size()];
        for (int c = 0; c < header.size(); c++) {
            width[c] = header.get(c).length();
            numeric[c] = !body.isEmpty();
            for (List<String> line : body) {
                width[c] = Math.max(width[c], line.get(c).length());
                numeric[c] &= line.get(c).matches("-?[0-9][0-9_,.]*(E-?[0-9]+)?|");
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, header, width, numeric);
        for (List<String> line : body) appendLine(out, line, width, numeric);
        String more = more();
        if (more != null) out.append(more).append(" (").append(size()).append(")\n");
        return out.toString().stripTrailing();
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] width, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) line.append("  ");
            String v = cells.get(c);
            String pad = " ".repeat(width[c] - v.length());
            line.append(numeric[c] ? pad + v : v + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    Map<String, Object> bundle() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text/plain", text());
        data.put("text/html", html());
        return data;
    }
}
