package reflow.kernel.jshell;

import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

/**
 * One top-level definition as JShell keys it: a variable or type by name, a method by name and parameter
 * types. Two cells declaring {@code f(int)} and {@code f(String)} make two definitions (overloads, both
 * live); two declaring {@code f(int)} make the same one (the later replaces the earlier), whatever the
 * return types.
 */
public record Definition(Kind kind, String name, String parameterTypes) {
    public enum Kind { VARIABLE, METHOD, TYPE }

    public static Definition variable(String name) {
        return new Definition(Kind.VARIABLE, name, "");
    }

    public static Definition method(String name, String parameterTypes) {
        return new Definition(Kind.METHOD, name, parameterTypes);
    }

    public static Definition type(String name) {
        return new Definition(Kind.TYPE, name, "");
    }

    /** The definition a snippet declares, or null (imports, statements, expressions, $N temporaries). */
    static Definition of(Snippet snippet) {
        if (snippet instanceof VarSnippet v) {
            return v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND ? null : variable(v.name());
        }
        if (snippet instanceof MethodSnippet m) {
            return method(m.name(), m.parameterTypes());
        }
        if (snippet instanceof TypeDeclSnippet t) {
            return type(t.name());
        }
        return null;
    }

    /** How messages name it: {@code p}, {@code twice(int)}, {@code Pt}. */
    public String display() {
        return kind == Kind.METHOD ? name + "(" + parameterTypes + ")" : name;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + display();
    }
}
