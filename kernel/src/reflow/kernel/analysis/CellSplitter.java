package reflow.kernel.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a JShell-style cell into top-level chunks: a chunk ends at a {@code ;} outside any brackets,
 * or at a {@code }} that closes a top-level block unless the code visibly goes on
 * ({@code else}, {@code catch}, {@code ;}, {@code .method()}, {@code } while} after {@code do} ...).
 */
final class CellSplitter {
    // After a top-level '}' these tokens mean the same statement or expression continues.
    private static final Set<String> CONTINUES_AFTER_BRACE = Set.of(
            ";", ",", ")", "]", "[", ".", "?", ":", "=", "*", "/", "&", "|", "^", "%",
            "else", "catch", "finally", "instanceof");

    private CellSplitter() {}

    static List<Chunk> split(CellLexer lexed) {
        List<Token> tokens = lexed.tokens();
        String code = lexed.code();
        List<Chunk> chunks = new ArrayList<>();
        int depth = 0;
        int first = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean ends = false;
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth = Math.max(0, depth - 1);
                ends = depth == 0 && t.is("}") && !continuesAfterBrace(tokens, first, i);
            } else if (t.is(";") && depth == 0) {
                ends = true;
            }
            if (ends) {
                chunks.add(chunk(code, tokens, first, i));
                first = i + 1;
            }
        }
        if (first < tokens.size()) {
            chunks.add(chunk(code, tokens, first, tokens.size() - 1));
        }
        return chunks;
    }

    private static boolean continuesAfterBrace(List<Token> tokens, int first, int brace) {
        if (brace + 1 >= tokens.size()) return false;
        Token next = tokens.get(brace + 1);
        if (next.kind() == Token.Kind.LITERAL) return false;
        if (CONTINUES_AFTER_BRACE.contains(next.text())) return true;
        return next.is("while") && tokens.get(first).is("do");
    }

    private static Chunk chunk(String code, List<Token> tokens, int first, int last) {
        Token start = tokens.get(first);
        String text = code.substring(start.start(), tokens.get(last).end());
        return new Chunk(text, start.line(), List.copyOf(tokens.subList(first, last + 1)));
    }
}
