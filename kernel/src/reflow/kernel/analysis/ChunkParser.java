package reflow.kernel.analysis;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.InitializerDeclaration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Parses one chunk as the fragment JShell would take it for: an import, a declaration (field, method,
 * type), a statement, or an expression. A chunk without a final {@code ;} gets one, since JShell lets the
 * last snippet of a cell omit it.
 */
final class ChunkParser {
    private final JavaParser parser = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE)
            .setAttributeComments(false));

    ParsedChunk parse(Chunk chunk) {
        String text = chunk.text();
        String terminated = chunk.endsWithTerminator() ? text : text + ";";
        List<ParseResult<? extends Node>> attempts = new ArrayList<>();

        if (chunk.tokens().get(0).is("import")) {
            return firstSuccess(chunk, List.of(parser.parseImport(terminated)));
        }
        ParseResult<? extends Node> declaration = parser.parseBodyDeclaration(terminated);
        // "{ ... }" parses as an initializer block, but at the top level it is a plain block statement.
        if (!(declaration.getResult().orElse(null) instanceof InitializerDeclaration)) {
            attempts.add(declaration);
        }
        attempts.add(parser.parseStatement(terminated));
        String expression = text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
        attempts.add(parser.parseExpression(expression));
        return firstSuccess(chunk, attempts);
    }

    private static ParsedChunk firstSuccess(Chunk chunk, List<ParseResult<? extends Node>> attempts) {
        for (ParseResult<? extends Node> attempt : attempts) {
            if (attempt.isSuccessful() && attempt.getResult().isPresent()) {
                return ParsedChunk.parsed(chunk, attempt.getResult().get());
            }
        }
        // The attempt that got furthest before failing usually describes the real mistake.
        Problem furthest = null;
        int furthestLine = -1;
        int furthestColumn = -1;
        for (ParseResult<? extends Node> attempt : attempts) {
            for (Problem problem : attempt.getProblems()) {
                int line = position(problem, p -> p.line);
                int column = position(problem, p -> p.column);
                if (line > furthestLine || (line == furthestLine && column > furthestColumn)) {
                    furthest = problem;
                    furthestLine = line;
                    furthestColumn = column;
                }
            }
        }
        String reason = furthest == null ? "not Java this kernel can read" : shorten(furthest.getMessage());
        int line = chunk.line() + Math.max(0, furthestLine - 1);
        return ParsedChunk.failed(chunk, reason, line);
    }

    private static int position(Problem problem, Function<com.github.javaparser.Position, Integer> part) {
        return problem.getLocation()
                .flatMap(range -> range.getBegin().getRange())
                .map(range -> part.apply(range.begin))
                .orElse(0);
    }

    /** JavaParser lists every token it expected; the first line is what a reader needs. */
    private static String shorten(String message) {
        String first = message.lines().findFirst().orElse(message).strip();
        int expected = first.indexOf(", expected one of");
        if (expected > 0) first = first.substring(0, expected);
        return first.length() > 120 ? first.substring(0, 117) + "..." : first;
    }
}
