package reflow.kernel.analysis;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.AnnotationMemberDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.type.ClassOrInterfaceType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every type declared anywhere in one cell (top-level, nested or local), by simple name, so that a
 * subclass body can see the members it inherits from a superclass declared in the same cell.
 */
final class DeclaredTypes {
    private final Map<String, Set<String>> membersByType = new HashMap<>();
    private final Map<String, List<String>> supertypesByType = new HashMap<>();

    void addAllIn(Node root) {
        for (TypeDeclaration<?> type : root.findAll(TypeDeclaration.class)) {
            String name = type.getNameAsString();
            membersByType.computeIfAbsent(name, n -> new HashSet<>()).addAll(ownMembers(type));
            supertypesByType.computeIfAbsent(name, n -> new ArrayList<>()).addAll(supertypeNames(type));
        }
    }

    /** Member names visible unqualified inside {@code type}'s body: its own plus inherited ones. */
    Set<String> visibleMembers(TypeDeclaration<?> type) {
        Set<String> names = new HashSet<>(ownMembers(type));
        for (String supertype : supertypeNames(type)) {
            names.addAll(inheritedFrom(supertype));
        }
        return names;
    }

    /** Members of a cell-declared type and of its cell-declared supertypes; empty for other types. */
    Set<String> inheritedFrom(String typeName) {
        Set<String> names = new HashSet<>();
        collectInherited(typeName, names, new HashSet<>());
        return names;
    }

    private void collectInherited(String typeName, Set<String> into, Set<String> visited) {
        if (!visited.add(typeName) || !membersByType.containsKey(typeName)) return;
        into.addAll(membersByType.get(typeName));
        for (String supertype : supertypesByType.getOrDefault(typeName, List.of())) {
            collectInherited(supertype, into, visited);
        }
    }

    static Set<String> ownMembers(TypeDeclaration<?> type) {
        Set<String> names = new LinkedHashSet<>(membersOf(type.getMembers()));
        if (type instanceof EnumDeclaration e) {
            e.getEntries().forEach(constant -> names.add(constant.getNameAsString()));
        }
        if (type instanceof RecordDeclaration r) {
            r.getParameters().forEach(component -> names.add(component.getNameAsString()));
        }
        return names;
    }

    static Set<String> membersOf(List<BodyDeclaration<?>> members) {
        Set<String> names = new LinkedHashSet<>();
        for (BodyDeclaration<?> member : members) {
            if (member instanceof FieldDeclaration f) {
                f.getVariables().forEach(v -> names.add(v.getNameAsString()));
            } else if (member instanceof MethodDeclaration m) {
                names.add(m.getNameAsString());
            } else if (member instanceof TypeDeclaration<?> t) {
                names.add(t.getNameAsString());
            } else if (member instanceof AnnotationMemberDeclaration a) {
                names.add(a.getNameAsString());
            }
        }
        return names;
    }

    private static List<String> supertypeNames(TypeDeclaration<?> type) {
        List<ClassOrInterfaceType> supertypes = new ArrayList<>();
        if (type instanceof ClassOrInterfaceDeclaration c) {
            supertypes.addAll(c.getExtendedTypes());
            supertypes.addAll(c.getImplementedTypes());
        } else if (type instanceof RecordDeclaration r) {
            supertypes.addAll(r.getImplementedTypes());
        } else if (type instanceof EnumDeclaration e) {
            supertypes.addAll(e.getImplementedTypes());
        }
        return supertypes.stream().map(ClassOrInterfaceType::getNameAsString).toList();
    }
}
