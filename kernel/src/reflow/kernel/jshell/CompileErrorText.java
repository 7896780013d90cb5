package reflow.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jdk.jshell.Diag;

/**
 * Formats compiler diagnostics against the cell (not the snippet) like a good compiler does:
 * <pre>
 * cell line 3, column 9: cannot find symbol
 *   symbol:   variable y
 *   int z = y + 1;
 *           ^
 * </pre>
 */
final class CompileErrorText {
    private final CellText cell;
    private final String cellName;

    CompileErrorText(String cellSource, String cellName) {
        this.cell = new CellText(cellSource);
        this.cellName = cellName;
    }

    /** One diagnostic of a snippet that starts at {@code snippetStart} in the cell. */
    List<String> diagnostic(Diag diag, int snippetStart, int snippetLength) {
        long position = diag.getPosition() == Diag.NOPOS ? diag.getStartPosition() : diag.getPosition();
        int at = snippetStart + (int) Math.max(0, Math.min(position == Diag.NOPOS ? 0 : position, snippetLength));
        int spanEnd = diag.getEndPosition() == Diag.NOPOS ? at + 1
                : snippetStart + (int) Math.min(diag.getEndPosition(), snippetLength);
        int spanStart = diag.getStartPosition() == Diag.NOPOS ? at : snippetStart + (int) diag.getStartPosition();
        String[] message = diag.getMessage(Locale.ENGLISH).split("\\R");
        List<String> lines = new ArrayList<>();
        lines.add(where(at) + ": " + message[0].strip());
        for (int i = 1; i < message.length; i++) {
            if (!message[i].isBlank() && !message[i].strip().startsWith("location: class")) {
                lines.add("  " + message[i].strip());
            }
        }
        lines.addAll(sourceWithMarker(at, spanStart, spanEnd));
        return lines;
    }

    /** The header "cell line 3, column 9" for an offset in the cell. */
    String where(int offset) {
        return cellName + " line " + cell.lineOf(offset) + ", column " + cell.columnOf(offset);
    }

    /** The source line holding {@code at}, and under it a caret at {@code at} extended over the span. */
    List<String> sourceWithMarker(int at, int spanStart, int spanEnd) {
        String line = cell.lineAt(at);
        int column = cell.columnOf(at) - 1;
        int lineStartOffset = at - column;
        int from = Math.max(0, Math.min(column, spanStart - lineStartOffset));
        int to = Math.min(line.length(), Math.max(column + 1, spanEnd - lineStartOffset));
        StringBuilder marker = new StringBuilder();
        for (int i = 0; i < to; i++) {
            if (i == column) {
                marker.append('^');
            } else if (i >= from) {
                marker.append('~');
            } else {
                marker.append(i < line.length() && line.charAt(i) == '\t' ? '\t' : ' ');
            }
        }
        return List.of("  " + line, "  " + marker.toString().stripTrailing());
    }
}
