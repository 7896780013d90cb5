package reflow.kernel.jshell;

/** Where a JShell snippet came from: which evaluation, under which cell name, starting at which cell line. */
record SnippetOrigin(long evaluation, String cellName, int firstLine) {
    /** Cell line of line {@code snippetLine} (1-based) of the snippet's own source. */
    int cellLine(int snippetLine) {
        return firstLine + snippetLine - 1;
    }
}
