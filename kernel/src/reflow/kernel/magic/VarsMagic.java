package reflow.kernel.magic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reflow.kernel.jshell.JShellBridge;

/** {@code %vars}: the session's variables as a table: name, type, the cell that defined it, a short value. */
public final class VarsMagic {
    static final int VALUE_WIDTH = 60;
    private final JShellBridge bridge;
    private final Function<String, String> definer;

    public VarsMagic(JShellBridge bridge, Function<String, String> definer) {
        this.bridge = bridge;
        this.definer = definer;
    }

    public Map<String, Object> run(Magics.Invocation call) {
        List<String[]> rows = new ArrayList<>();
        for (String name : bridge.variableNames()) {
            String cell = definer.apply(name);
            rows.add(new String[] {name, String.valueOf(bridge.typeOf(name)), cell == null ? "" : cell, shortValue(name)});
        }
        if (rows.isEmpty()) {
            return Map.of("text/plain", "No variables yet.");
        }
        String[] header = {"name", "type", "defined in", "value"};
        return Map.of("text/plain", plain(header, rows), "text/html", html(header, rows));
    }

    private String shortValue(String name) {
        String text;
        try {
            Object value = bridge.valueOf(name);
            text = value != null && value.getClass().isArray() ? arrayText(value) : String.valueOf(value);
        } catch (RuntimeException | LinkageError e) {
            text = "(cannot show: " + e.getClass().getSimpleName() + ")";
        }
        text = text.replaceAll("\\s+", " ");
        return text.length() > VALUE_WIDTH ? text.substring(0, VALUE_WIDTH - 3) + "..." : text;
    }

    private static String arrayText(Object array) {
        if (array instanceof Object[] objects) return Arrays.deepToString(objects);
        if (array instanceof int[] a) return Arrays.toString(a);
        if (array instanceof long[] a) return Arrays.toString(a);
        if (array instanceof double[] a) return Arrays.toString(a);
        if (array instanceof float[] a) return Arrays.toString(a);
        if (array instanceof boolean[] a) return Arrays.toString(a);
        if (array instanceof char[] a) return Arrays.toString(a);
        if (array instanceof byte[] a) return Arrays.toString(a);
        if (array instanceof short[] a) return Arrays.toString(a);
        return String.valueOf(array);
    }

    private static String plain(String[] header, List<String[]> rows) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] row : rows) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width);
        for (String[] row : rows) {
            line(out, row, width);
        }
        return out.toString().stripTrailing();
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            out.append(i == cells.length - 1 ? cells[i] : String.format("%-" + width[i] + "s  ", cells[i]));
        }
        out.append('\n');
    }

    private static String html(String[] header, List<String[]> rows) {
        StringBuilder out = new StringBuilder("<table><thead><tr>");
        for (String h : header) {
            out.append("<th style=\"text-align:left\">").append(escape(h)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (String[] row : rows) {
            out.append("<tr>");
            for (int i = 0; i < row.length; i++) {
                out.append(i < 2 ? "<td><code>" : "<td>").append(escape(row[i])).append(i < 2 ? "</code></td>" : "</td>");
            }
            out.append("</tr>");
        }
        return out.append("</tbody></table>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
