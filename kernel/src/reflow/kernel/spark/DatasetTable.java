package reflow.kernel.spark;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Spark {@code Dataset} (any element type: it is shown as its DataFrame) as a table: the schema, the
 * first {@value #ROWS} rows, and "only the first 20 rows" when there are more, like {@code show()}, as
 * text/html and text/plain. Showing a Dataset runs a small job (it fetches {@value #ROWS} + 1 rows); the
 * number of rows is not counted, which could cost a full scan.
 */
final class DatasetTable {
    static final int ROWS = 20;
    private static final int MAX_CELL = 40;

    private DatasetTable() {}

    static Map<String, Object> render(Object dataset, ClassLoader cells) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(cells); // Spark generates code that names cell classes
        try {
            Object frame = Reflect.call(dataset, "toDF");
            Object schema = Reflect.call(frame, "schema");
            Object[] fields = (Object[]) Reflect.call(schema, "fields");
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (Object field : fields) {
                names.add(String.valueOf(Reflect.call(field, "name")));
                types.add(String.valueOf(Reflect.call(Reflect.call(field, "dataType"), "simpleString")));
            }
            if ((Boolean) Reflect.call(frame, "isStreaming")) {
                return bundle(names, types, List.of(), false, "a streaming Dataset: start a query to see rows");
            }
            Object taken = Reflect.call(frame, "take", ROWS + 1);
            int count = Array.getLength(taken);
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r < Math.min(count, ROWS); r++) {
                Object row = Array.get(taken, r);
                List<String> values = new ArrayList<>();
                for (int c = 0; c < names.size(); c++) {
                    values.add(cell(Reflect.call(row, "get", c)));
                }
                rows.add(values);
            }
            return bundle(names, types, rows, count > ROWS, null);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static String cell(Object value) {
        String text = value == null ? "null" : value instanceof byte[] b ? "[" + b.length + " bytes]" : String.valueOf(value);
        text = text.replace('\n', ' ');
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 3) + "..." : text;
    }

    private static Map<String, Object> bundle(List<String> names, List<String> types, List<List<String>> rows,
                                              boolean more, String note) {
        StringBuilder schema = new StringBuilder();
        for (int c = 0; c < names.size(); c++) {
            if (c > 0) schema.append(", ");
            schema.append(names.get(c)).append(": ").append(types.get(c));
        }
        String footer = note != null ? note
                : rows.isEmpty() ? "no rows"
                : more ? "only the first " + ROWS + " rows" : rows.size() + " row" + (rows.size() == 1 ? "" : "s");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text/plain", text(names, rows) + "\n" + footer + "\nschema: " + schema);
        data.put("text/html", html(names, types, rows, footer));
        return data;
    }

    /** Spark's show() layout: +---+ rules, right-aligned cells. */
    private static String text(List<String> names, List<List<String>> rows) {
        int[] width = new int[names.size()];
        for (int c = 0; c < names.size(); c++) {
            width[c] = Math.max(3, names.get(c).length());
            for (List<String> row : rows) width[c] = Math.max(width[c], row.get(c).length());
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : width) rule.append("-".repeat(w)).append('+');
        StringBuilder out = new StringBuilder(rule).append('\n');
        appendRow(out, names, width);
        out.append(rule).append('\n');
        for (List<String> row : rows) appendRow(out, row, width);
        out.append(rule);
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] width) {
        out.append('|');
        for (int c = 0; c < cells.size(); c++) {
            out.append(" ".repeat(width[c] - cells.get(c).length())).append(cells.get(c)).append('|');
        }
        out.append('\n');
    }

    private static String html(List<String> names, List<String> types, List<List<String>> rows, String footer) {
        StringBuilder out = new StringBuilder("<table class=\"reflow-table dataframe reflow-spark\" border=\"1\"><thead><tr>");
        for (int c = 0; c < names.size(); c++) {
            out.append("<th>").append(escape(names.get(c))).append("<br><small>").append(escape(types.get(c)))
                    .append("</small></th>");
        }
        out.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (String v : row) out.append("<td>").append(escape(v)).append("</td>");
            out.append("</tr>");
        }
        out.append("</tbody></table><p>").append(escape(footer)).append("</p>");
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
