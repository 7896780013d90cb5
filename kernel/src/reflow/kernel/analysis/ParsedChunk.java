package reflow.kernel.analysis;

import com.github.javaparser.ast.Node;

/**
 * A chunk and what JavaParser made of it: an ImportDeclaration, a BodyDeclaration (field, method or
 * type), a Statement or an Expression; or, when nothing fit, the reason and the line it points at.
 */
record ParsedChunk(Chunk chunk, Node node, String problem, int problemLine) {
    static ParsedChunk parsed(Chunk chunk, Node node) {
        return new ParsedChunk(chunk, node, null, chunk.line());
    }

    static ParsedChunk failed(Chunk chunk, String problem, int line) {
        return new ParsedChunk(chunk, null, problem, line);
    }

    boolean isParsed() {
        return node != null;
    }
}
