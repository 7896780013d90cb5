package reflow.kernel.jshell;

/** Line and column arithmetic over a cell's source (1-based, as a compiler reports them). */
final class CellText {
    private final String source;

    CellText(String source) {
        this.source = source;
    }

    int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, source.length()); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    int columnOf(int offset) {
        int lineStart = source.lastIndexOf('\n', Math.min(offset, source.length()) - 1) + 1;
        return offset - lineStart + 1;
    }

    /** The text of the line holding {@code offset}, without its line end. */
    String lineAt(int offset) {
        int clamped = Math.max(0, Math.min(offset, source.length()));
        int start = source.lastIndexOf('\n', clamped - 1) + 1;
        int end = source.indexOf('\n', clamped);
        String line = source.substring(start, end < 0 ? source.length() : end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
