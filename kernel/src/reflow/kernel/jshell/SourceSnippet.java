package reflow.kernel.jshell;

import java.util.ArrayList;
import java.util.List;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * One JShell snippet cut out of a cell: its source as JShell wants it (a missing final semicolon added),
 * and where it starts and ends in the cell, so positions inside it map back to cell lines and columns.
 */
record SourceSnippet(String source, int start, int end, Completeness completeness) {

    boolean isComplete() {
        return completeness.isComplete() || completeness == Completeness.UNKNOWN;
    }

    /** Splits a whole cell; the last element is incomplete when the cell ends mid-snippet. */
    static List<SourceSnippet> split(SourceCodeAnalysis analysis, String cell) {
        List<SourceSnippet> snippets = new ArrayList<>();
        int consumed = 0;
        while (consumed < cell.length()) {
            String remaining = cell.substring(consumed);
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            int end = info.completeness().isComplete() || info.completeness() == Completeness.UNKNOWN
                    ? cell.length() - info.remaining().length() : cell.length();
            String source = info.source() != null ? info.source() : remaining.strip();
            int start = consumed + startWithin(remaining, source);
            // JShell maps runtime line numbers wrongly when a snippet starts with blank lines: drop them.
            String stripped = source.stripLeading();
            start += source.length() - stripped.length();
            snippets.add(new SourceSnippet(stripped, start, end, info.completeness()));
            if (!info.completeness().isComplete() || end <= consumed) {
                break;
            }
            consumed = end;
        }
        return snippets;
    }

    private static int startWithin(String remaining, String source) {
        int at = remaining.indexOf(source);
        if (at < 0 && source.endsWith(";")) {
            at = remaining.indexOf(source.substring(0, source.length() - 1));
        }
        if (at >= 0) {
            return at;
        }
        int firstNonBlank = 0;
        while (firstNonBlank < remaining.length() && Character.isWhitespace(remaining.charAt(firstNonBlank))) {
            firstNonBlank++;
        }
        return firstNonBlank;
    }
}
