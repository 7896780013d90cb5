package reflow.kernel.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.RecordPatternExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.TypeParameter;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks JavaParser trees with lexical scopes and records every simple name that no enclosing scope of
 * the cell binds: those are the names the cell needs from elsewhere. Top-level definitions are not bound
 * here; {@link CellAnalyzer} removes them afterwards, because the whole cell sees them.
 */
final class FreeNameCollector {
    private final DeclaredTypes declaredTypes;
    private final Set<String> uses = new LinkedHashSet<>();
    private final Set<String> assigns = new LinkedHashSet<>();
    /** Free names of the top-level definition being walked, if any (see {@link #collectDefinition}). */
    private Set<String> definitionUses;

    FreeNameCollector(DeclaredTypes declaredTypes) {
        this.declaredTypes = declaredTypes;
    }

    Set<String> uses() {
        return uses;
    }

    Set<String> assigns() {
        return assigns;
    }

    /** Walks a top-level statement or expression in a fresh scope of its own. */
    void collect(Node node) {
        visit(node, Scope.root());
    }

    /** Walks the parts of a top-level definition and returns the free names they use. */
    Set<String> collectDefinition(List<? extends Node> parts) {
        Set<String> previous = definitionUses;
        definitionUses = new LinkedHashSet<>();
        try {
            Scope scope = Scope.root();
            for (Node part : parts) visit(part, scope);
            return definitionUses;
        } finally {
            definitionUses = previous;
        }
    }

    private void use(String name, Scope scope) {
        if (scope.binds(name)) return;
        uses.add(name);
        if (definitionUses != null) definitionUses.add(name);
    }

    private void useLeftmost(Name name, Scope scope) {
        Name leftmost = name;
        while (leftmost.getQualifier().isPresent()) leftmost = leftmost.getQualifier().get();
        use(leftmost.getIdentifier(), scope);
    }

    private void assign(NameExpr target, Scope scope) {
        String name = target.getNameAsString();
        if (!scope.binds(name)) assigns.add(name);
        use(name, scope);
    }

    private void visitAll(Iterable<? extends Node> nodes, Scope scope) {
        for (Node n : nodes) visit(n, scope);
    }

    private void visitOptional(Optional<? extends Node> node, Scope scope) {
        node.ifPresent(n -> visit(n, scope));
    }

    private void visit(Node n, Scope scope) {
        if (n instanceof NameExpr e) {
            use(e.getNameAsString(), scope);
        } else if (n instanceof MethodCallExpr call) {
            if (call.getScope().isPresent()) visit(call.getScope().get(), scope);
            else use(call.getNameAsString(), scope);
            call.getTypeArguments().ifPresent(args -> visitAll(args, scope));
            visitAll(call.getArguments(), scope);
        } else if (n instanceof FieldAccessExpr access) {
            // a.b.c needs only a; the rest are members looked up at run time.
            visit(access.getScope(), scope);
            access.getTypeArguments().ifPresent(args -> visitAll(args, scope));
        } else if (n instanceof MethodReferenceExpr ref) {
            visit(ref.getScope(), scope);
            ref.getTypeArguments().ifPresent(args -> visitAll(args, scope));
        } else if (n instanceof ThisExpr || n instanceof SuperExpr || n instanceof SimpleName || n instanceof Name
                || n instanceof BreakStmt || n instanceof ContinueStmt) {
            // Qualifiers of this/super name enclosing types; labels and member names are not variables.
        } else if (n instanceof AssignExpr a) {
            if (a.getTarget() instanceof NameExpr target) assign(target, scope);
            else visit(a.getTarget(), scope);
            visit(a.getValue(), scope);
        } else if (n instanceof UnaryExpr u) {
            if (changesVariable(u) && u.getExpression() instanceof NameExpr target) assign(target, scope);
            else visit(u.getExpression(), scope);
        } else if (n instanceof LambdaExpr lambda) {
            Scope inner = scope.child();
            parameters(lambda.getParameters(), scope, inner);
            visit(lambda.getBody(), inner);
        } else if (n instanceof ObjectCreationExpr creation) {
            objectCreation(creation, scope);
        } else if (n instanceof TypePatternExpr pattern) {
            // Pattern variables are flow-scoped; binding them in the enclosing scope is a close, safe fit.
            visitAll(pattern.getModifiers(), scope);
            visit(pattern.getType(), scope);
            scope.bind(pattern.getNameAsString());
        } else if (n instanceof RecordPatternExpr pattern) {
            visit(pattern.getType(), scope);
            visitAll(pattern.getPatternList(), scope);
        } else if (n instanceof SwitchStmt s) {
            switchBlock(s.getSelector(), s.getEntries(), scope);
        } else if (n instanceof SwitchExpr s) {
            switchBlock(s.getSelector(), s.getEntries(), scope);
        } else if (n instanceof AnnotationExpr annotation) {
            annotation(annotation, scope);
        } else if (n instanceof ClassOrInterfaceType type) {
            if (type.getScope().isPresent()) visit(type.getScope().get(), scope);
            else use(type.getNameAsString(), scope);
            type.getTypeArguments().ifPresent(args -> visitAll(args, scope));
            visitAll(type.getAnnotations(), scope);
        } else if (n instanceof BlockStmt block) {
            Scope inner = scope.child();
            visitAll(block.getStatements(), inner);
        } else if (n instanceof VariableDeclarationExpr declaration) {
            visitAll(declaration.getAnnotations(), scope);
            for (VariableDeclarator variable : declaration.getVariables()) {
                visit(variable.getType(), scope);
                visitOptional(variable.getInitializer(), scope);
                scope.bind(variable.getNameAsString());
            }
        } else if (n instanceof ForStmt loop) {
            Scope inner = scope.child();
            visitAll(loop.getInitialization(), inner);
            visitOptional(loop.getCompare(), inner);
            visitAll(loop.getUpdate(), inner);
            visit(loop.getBody(), inner);
        } else if (n instanceof ForEachStmt loop) {
            visit(loop.getIterable(), scope);
            Scope inner = scope.child();
            visit(loop.getVariable(), inner);
            visit(loop.getBody(), inner);
        } else if (n instanceof TryStmt attempt) {
            Scope resources = scope.child();
            visitAll(attempt.getResources(), resources);
            visit(attempt.getTryBlock(), resources);
            visitAll(attempt.getCatchClauses(), scope);
            visitOptional(attempt.getFinallyBlock(), scope);
        } else if (n instanceof CatchClause clause) {
            Scope inner = scope.child();
            parameters(List.of(clause.getParameter()), scope, inner);
            visit(clause.getBody(), inner);
        } else if (n instanceof LabeledStmt labeled) {
            visit(labeled.getStatement(), scope);
        } else if (n instanceof LocalClassDeclarationStmt local) {
            scope.bind(local.getClassDeclaration().getNameAsString());
            typeDeclaration(local.getClassDeclaration(), scope);
        } else if (n instanceof LocalRecordDeclarationStmt local) {
            scope.bind(local.getRecordDeclaration().getNameAsString());
            typeDeclaration(local.getRecordDeclaration(), scope);
        } else if (n instanceof TypeDeclaration<?> type) {
            typeDeclaration(type, scope);
        } else if (n instanceof CallableDeclaration<?> callable) {
            callable(callable, scope);
        } else {
            visitAll(n.getChildNodes(), scope);
        }
    }

    private static boolean changesVariable(UnaryExpr u) {
        return switch (u.getOperator()) {
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
            default -> false;
        };
    }

    /** Visits parameter types in {@code outer} and binds the parameter names in {@code inner}. */
    private void parameters(List<Parameter> parameters, Scope outer, Scope inner) {
        for (Parameter p : parameters) {
            visitAll(p.getAnnotations(), outer);
            visit(p.getType(), inner);
            inner.bind(p.getNameAsString());
        }
    }

    private void annotation(AnnotationExpr annotation, Scope scope) {
        useLeftmost(annotation.getName(), scope);
        if (annotation instanceof SingleMemberAnnotationExpr single) {
            visit(single.getMemberValue(), scope);
        } else if (annotation instanceof NormalAnnotationExpr normal) {
            normal.getPairs().forEach(pair -> visit(pair.getValue(), scope));
        }
    }

    private void switchBlock(Node selector, NodeList<SwitchEntry> entries, Scope scope) {
        visit(selector, scope);
        // Old-style groups share one block scope; arrow entries each have their own.
        Scope block = scope.child();
        for (SwitchEntry entry : entries) {
            Scope entryScope = entry.getType() == SwitchEntry.Type.STATEMENT_GROUP ? block : block.child();
            for (Node label : entry.getLabels()) {
                // A bare name in a case label is an enum constant of the selector's type, not a variable.
                if (!(label instanceof NameExpr)) visit(label, entryScope);
            }
            visitOptional(entry.getGuard(), entryScope);
            visitAll(entry.getStatements(), entryScope);
        }
    }

    private void objectCreation(ObjectCreationExpr creation, Scope scope) {
        visitOptional(creation.getScope(), scope);
        visit(creation.getType(), scope);
        creation.getTypeArguments().ifPresent(args -> visitAll(args, scope));
        visitAll(creation.getArguments(), scope);
        if (creation.getAnonymousClassBody().isPresent()) {
            List<BodyDeclaration<?>> body = creation.getAnonymousClassBody().get();
            Scope members = scope.child();
            members.bindAll(DeclaredTypes.membersOf(body));
            members.bindAll(declaredTypes.inheritedFrom(creation.getType().getNameAsString()));
            visitAll(body, members);
        }
    }

    private void typeDeclaration(TypeDeclaration<?> type, Scope outer) {
        visitAll(type.getAnnotations(), outer);
        Scope header = outer.child();
        header.bind(type.getNameAsString());
        if (type instanceof ClassOrInterfaceDeclaration c) {
            typeParameters(c.getTypeParameters(), header);
            visitAll(c.getExtendedTypes(), header);
            visitAll(c.getImplementedTypes(), header);
            visitAll(c.getPermittedTypes(), header);
        } else if (type instanceof RecordDeclaration r) {
            typeParameters(r.getTypeParameters(), header);
            visitAll(r.getImplementedTypes(), header);
            for (Parameter component : r.getParameters()) {
                visitAll(component.getAnnotations(), header);
                visit(component.getType(), header);
            }
        } else if (type instanceof EnumDeclaration e) {
            visitAll(e.getImplementedTypes(), header);
        }
        Scope members = header.child();
        members.bindAll(declaredTypes.visibleMembers(type));
        if (type instanceof EnumDeclaration e) visitAll(e.getEntries(), members);
        visitAll(type.getMembers(), members);
    }

    private void typeParameters(NodeList<TypeParameter> parameters, Scope scope) {
        // Bind first: bounds may mention any of the parameters (<T extends Comparable<T>>).
        parameters.forEach(p -> scope.bind(p.getNameAsString()));
        for (TypeParameter p : parameters) {
            visitAll(p.getTypeBound(), scope);
            visitAll(p.getAnnotations(), scope);
        }
    }

    private void callable(CallableDeclaration<?> callable, Scope outer) {
        visitAll(callable.getAnnotations(), outer);
        Scope inner = outer.child();
        typeParameters(callable.getTypeParameters(), inner);
        if (callable instanceof MethodDeclaration method) {
            visit(method.getType(), inner);
        }
        parameters(callable.getParameters(), inner, inner);
        visitAll(callable.getThrownExceptions(), inner);
        if (callable instanceof MethodDeclaration method) {
            visitOptional(method.getBody(), inner);
        } else if (callable.isConstructorDeclaration()) {
            visit(callable.asConstructorDeclaration().getBody(), inner);
        }
    }
}
