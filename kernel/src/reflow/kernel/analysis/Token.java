package reflow.kernel.analysis;

/** One lexical token of a cell: enough to split a cell into top-level chunks. */
record Token(Kind kind, String text, int start, int end, int line) {
    enum Kind { IDENTIFIER, LITERAL, PUNCTUATION }

    boolean is(String punctuationOrWord) {
        return kind != Kind.LITERAL && text.equals(punctuationOrWord);
    }
}
