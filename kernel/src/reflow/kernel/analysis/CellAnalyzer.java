package reflow.kernel.analysis;

import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds which top-level names a JShell-style cell defines and which it needs from other cells.
 * Pure and stateless: safe to share; it never throws on bad input, it reports what it could not read
 * in {@link CellAnalysis#notes()}.
 */
public final class CellAnalyzer {
    /** Touches what cells usually hold: declarations of each kind, an expression, a lambda, an import. */
    private static final String WARM_UP_CELL = "import java.util.*;\nint x = 1;\nint twice(int v) { return 2 * v; }\n"
            + "record P(int a) {}\nList<Integer> xs = List.of(x);\nxs.stream().map(v -> twice(v)).count()";

    /**
     * Analyses a sample cell on a background thread, so that JavaParser's own start-up (some 500 classes,
     * its metamodel, a cold parser) is over before the first real cell needs it. Harmless to call again.
     */
    public static void warmUpInBackground() {
        Thread thread = new Thread(() -> new CellAnalyzer().analyze(WARM_UP_CELL), "reflow-parser-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    public CellAnalysis analyze(String cellSource) {
        try {
            return analyzeChunks(CellSplitter.split(CellLexer.lex(cellSource)));
        } catch (RuntimeException | StackOverflowError e) {
            // A parser bug must not take the kernel down; the cell still runs, just without reactivity.
            String note = "could not analyse this cell (" + e.getClass().getSimpleName()
                    + "); dependencies of this cell are unknown";
            return new CellAnalysis(Set.of(), Set.of(), Set.of(), Set.of(), Map.of(), List.of(note), false);
        }
    }

    private CellAnalysis analyzeChunks(List<Chunk> chunks) {
        ChunkParser parser = new ChunkParser();
        List<ParsedChunk> parsed = new ArrayList<>();
        DeclaredTypes declaredTypes = new DeclaredTypes();
        for (Chunk chunk : chunks) {
            ParsedChunk p = parser.parse(chunk);
            parsed.add(p);
            if (p.isParsed()) declaredTypes.addAllIn(p.node());
        }

        FreeNameCollector collector = new FreeNameCollector(declaredTypes);
        Set<String> defines = new LinkedHashSet<>();
        Set<String> imports = new LinkedHashSet<>();
        Set<String> importedNames = new LinkedHashSet<>();
        Map<String, Set<String>> definitionUses = new LinkedHashMap<>();
        Set<String> unparsedMentions = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();

        for (ParsedChunk p : parsed) {
            if (!p.isParsed()) {
                notes.add("line " + p.problemLine() + ": could not analyse `" + p.chunk().excerpt() + "` ("
                        + p.problem() + "); dependencies of this cell may be incomplete");
                unparsedMentions.addAll(p.chunk().mentionedNames());
                continue;
            }
            Node node = p.node();
            if (node instanceof ImportDeclaration imp) {
                recordImport(imp, imports, importedNames);
            } else {
                topLevel(node, collector, defines, definitionUses);
            }
        }

        Set<String> uses = new LinkedHashSet<>(collector.uses());
        uses.addAll(unparsedMentions);
        uses.removeAll(defines);
        uses.removeAll(importedNames);
        Set<String> assigns = new LinkedHashSet<>(collector.assigns());
        assigns.removeAll(defines);
        assigns.removeAll(importedNames);
        definitionUses.forEach((name, names) -> {
            names.remove(name);
            names.removeAll(importedNames);
        });
        return new CellAnalysis(defines, uses, assigns, imports, definitionUses, notes, notes.isEmpty());
    }

    private static void recordImport(ImportDeclaration imp, Set<String> imports, Set<String> importedNames) {
        if (imp.isAsterisk()) {
            imports.add(imp.getNameAsString() + ".*");
        } else {
            String simple = imp.getName().getIdentifier();
            imports.add(simple);
            importedNames.add(simple);
        }
    }

    /** Records what a top-level chunk defines and walks it for free names. */
    private static void topLevel(Node node, FreeNameCollector collector, Set<String> defines,
                                 Map<String, Set<String>> definitionUses) {
        if (node instanceof ExpressionStmt statement && statement.getExpression() instanceof VariableDeclarationExpr v) {
            node = v;
        }
        if (node instanceof FieldDeclaration field) {
            defineVariables(field.getVariables(), field.getAnnotations(), collector, defines, definitionUses);
        } else if (node instanceof VariableDeclarationExpr declaration) {
            defineVariables(declaration.getVariables(), declaration.getAnnotations(), collector, defines, definitionUses);
        } else if (node instanceof MethodDeclaration method) {
            define(method.getNameAsString(), collector.collectDefinition(List.of(method)), defines, definitionUses);
        } else if (node instanceof TypeDeclaration<?> type) {
            define(type.getNameAsString(), collector.collectDefinition(List.of(type)), defines, definitionUses);
        } else if (node instanceof LocalClassDeclarationStmt local) {
            TypeDeclaration<?> type = local.getClassDeclaration();
            define(type.getNameAsString(), collector.collectDefinition(List.of(type)), defines, definitionUses);
        } else if (node instanceof LocalRecordDeclarationStmt local) {
            TypeDeclaration<?> type = local.getRecordDeclaration();
            define(type.getNameAsString(), collector.collectDefinition(List.of(type)), defines, definitionUses);
        } else {
            collector.collect(node);
        }
    }

    private static void defineVariables(List<VariableDeclarator> variables, List<? extends Node> annotations,
                                        FreeNameCollector collector, Set<String> defines,
                                        Map<String, Set<String>> definitionUses) {
        for (VariableDeclarator variable : variables) {
            List<Node> parts = new ArrayList<>(annotations);
            parts.add(variable);
            collector.collectDefinition(parts); // records the cell's own uses
            define(variable.getNameAsString(), deferredUses(collector, variable), defines, definitionUses);
        }
    }

    /**
     * What a variable's value reads when it is used later: only code inside its initializer that runs later
     * (lambda bodies, anonymous class bodies, method references) does. The rest of the initializer ran once,
     * so a cell using the variable does not depend on what the initializer read.
     */
    private static Set<String> deferredUses(FreeNameCollector collector, VariableDeclarator variable) {
        Set<String> names = new LinkedHashSet<>();
        variable.getInitializer().ifPresent(init -> {
            List<Node> deferred = new ArrayList<>();
            deferred.addAll(init.findAll(LambdaExpr.class));
            deferred.addAll(init.findAll(MethodReferenceExpr.class));
            init.findAll(ObjectCreationExpr.class).stream()
                    .filter(o -> o.getAnonymousClassBody().isPresent()).forEach(deferred::add);
            // Outermost only: an inner lambda walked alone would see its outer lambda's parameters as free.
            List<Node> outermost = deferred.stream()
                    .filter(n -> deferred.stream().noneMatch(o -> o != n && n.isDescendantOf(o))).toList();
            if (!outermost.isEmpty()) {
                names.addAll(collector.collectDefinition(outermost));
            }
        });
        return names;
    }

    private static void define(String name, Set<String> uses, Set<String> defines,
                               Map<String, Set<String>> definitionUses) {
        defines.add(name);
        // Overloads and repeated declarations of one name share an entry.
        definitionUses.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(uses);
    }
}
