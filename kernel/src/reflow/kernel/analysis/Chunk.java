package reflow.kernel.analysis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One top-level piece of a cell (an import, a declaration, a statement or an expression), with the
 * line it starts on so messages can point at it.
 */
record Chunk(String text, int line, List<Token> tokens) {
    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits",
            "non", "when", "module", "_");

    /** The first line of the chunk, shortened for messages. */
    String excerpt() {
        String first = text.strip().lines().findFirst().orElse("");
        return first.length() > 60 ? first.substring(0, 57) + "..." : first;
    }

    boolean endsWithTerminator() {
        Token last = tokens.get(tokens.size() - 1);
        return last.is(";") || last.is("}");
    }

    /**
     * Every identifier that could name a variable, method or type, for code the parser could not read:
     * over-approximating the uses of such a cell re-runs it too often rather than too rarely.
     */
    Set<String> mentionedNames() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean member = i > 0 && tokens.get(i - 1).is(".");
            if (t.kind() == Token.Kind.IDENTIFIER && !member && !KEYWORDS.contains(t.text())) {
                names.add(t.text());
            }
        }
        return names;
    }
}
