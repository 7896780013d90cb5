package reflow.kernel.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokenizes a cell just enough to find statement boundaries: strings, text blocks, char literals and
 * comments are skipped whole so a brace or semicolon inside them never counts. Lines whose first
 * non-blank character is {@code %} are kernel magics and are blanked out of {@link #code()}, keeping
 * offsets and line numbers intact.
 */
final class CellLexer {
    private final char[] code;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private boolean onlyBlanksSinceLineStart = true;

    private CellLexer(String source) {
        this.code = source.toCharArray();
    }

    static CellLexer lex(String source) {
        CellLexer lexer = new CellLexer(source == null ? "" : source);
        lexer.run();
        return lexer;
    }

    List<Token> tokens() {
        return tokens;
    }

    /** The cell with magic lines replaced by spaces. */
    String code() {
        return new String(code);
    }

    private void run() {
        while (pos < code.length) {
            char c = code[pos];
            if (c == '\n') {
                line++;
                pos++;
                onlyBlanksSinceLineStart = true;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '%' && onlyBlanksSinceLineStart) {
                blankMagicLine();
            } else {
                onlyBlanksSinceLineStart = false;
                if (startsWith("//")) {
                    skipToEndOfLine();
                } else if (startsWith("/*")) {
                    skipBlockComment();
                } else if (startsWith("\"\"\"")) {
                    textBlock();
                } else if (c == '"' || c == '\'') {
                    quoted(c);
                } else if (Character.isJavaIdentifierStart(c)) {
                    word(Token.Kind.IDENTIFIER);
                } else if (Character.isDigit(c)) {
                    word(Token.Kind.LITERAL);
                } else {
                    add(Token.Kind.PUNCTUATION, pos, pos + 1, line);
                    pos++;
                }
            }
        }
    }

    private boolean startsWith(String s) {
        if (pos + s.length() > code.length) return false;
        for (int i = 0; i < s.length(); i++) {
            if (code[pos + i] != s.charAt(i)) return false;
        }
        return true;
    }

    private void blankMagicLine() {
        while (pos < code.length && code[pos] != '\n') {
            code[pos++] = ' ';
        }
    }

    private void skipToEndOfLine() {
        while (pos < code.length && code[pos] != '\n') pos++;
    }

    private void skipBlockComment() {
        pos += 2;
        while (pos < code.length && !startsWith("*/")) {
            if (code[pos] == '\n') line++;
            pos++;
        }
        pos = Math.min(code.length, pos + 2);
    }

    private void textBlock() {
        int start = pos;
        int startLine = line;
        pos += 3;
        while (pos < code.length && !startsWith("\"\"\"")) {
            if (code[pos] == '\\') pos++;
            else if (code[pos] == '\n') line++;
            pos++;
        }
        pos = Math.min(code.length, pos + 3);
        add(Token.Kind.LITERAL, start, pos, startLine);
    }

    /** A string or char literal; an unterminated one ends at the line end, like javac's recovery. */
    private void quoted(char quote) {
        int start = pos++;
        while (pos < code.length && code[pos] != quote && code[pos] != '\n') {
            if (code[pos] == '\\' && pos + 1 < code.length && code[pos + 1] != '\n') pos++;
            pos++;
        }
        if (pos < code.length && code[pos] == quote) pos++;
        add(Token.Kind.LITERAL, start, pos, line);
    }

    private void word(Token.Kind kind) {
        int start = pos;
        while (pos < code.length && (Character.isJavaIdentifierPart(code[pos])
                || (kind == Token.Kind.LITERAL && code[pos] == '.'))) {
            pos++;
        }
        add(kind, start, pos, line);
    }

    private void add(Token.Kind kind, int start, int end, int tokenLine) {
        tokens.add(new Token(kind, new String(code, start, end - start), start, end, tokenLine));
    }
}
