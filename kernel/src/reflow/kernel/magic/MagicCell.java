package reflow.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cell split into its magics and its Java code. Line magics ({@code %name args}) are the lines at the top
 * of the cell, before the first Java line (blank lines and {@code //} comments may sit between them); a cell
 * magic ({@code %%name args}) on the first line takes the rest of the cell as its body. The Java code keeps
 * the magic lines as blank lines, so compile errors name the same line numbers the user sees.
 */
public record MagicCell(List<Call> lineMagics, Call cellMagic, String javaCode) {

    /** One magic: its name (lower case), the text after it, and for a cell magic the body below it. */
    public record Call(String name, String args, String body) {}

    public static MagicCell parse(String code) {
        String[] lines = code.split("\n", -1);
        List<Call> calls = new ArrayList<>();
        StringBuilder java = new StringBuilder();
        int i = 0;
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("%%") && calls.isEmpty() && java.toString().isBlank()) {
                Call head = call(line.substring(2));
                // The body as Java (for %%time) keeps its line numbers: blank lines stand for the lines above.
                String body = "\n".repeat(i + 1) + join(lines, i + 1);
                return new MagicCell(List.of(), new Call(head.name(), head.args(), body), "");
            }
            if (line.startsWith("%") && !line.startsWith("%%")) {
                calls.add(call(line.substring(1)));
                java.append('\n');
            } else if (line.isEmpty() || line.startsWith("//")) {
                java.append('\n');
            } else {
                break;
            }
        }
        String rest = join(lines, i);
        String javaCode = rest.isBlank() ? "" : java + rest;
        return new MagicCell(List.copyOf(calls), null, javaCode);
    }

    /** True when the cell starts with a magic (after blank lines and comments). */
    public static boolean startsWithMagic(String code) {
        for (String raw : code.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            return line.startsWith("%");
        }
        return false;
    }

    private static Call call(String body) {
        String name = body.split("\\s+", 2)[0];
        String args = body.substring(name.length()).strip();
        return new Call(name.toLowerCase(Locale.ROOT), args, null);
    }

    private static String join(String[] lines, int from) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < lines.length; i++) {
            if (i > from) {
                out.append('\n');
            }
            out.append(lines[i]);
        }
        return out.toString();
    }
}
