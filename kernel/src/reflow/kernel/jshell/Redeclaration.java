package reflow.kernel.jshell;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * A variable declared again with the same written type and name ({@code int n = 10;} -> {@code int n = 20;})
 * runs as an assignment to the variable that exists ({@code n = 20;}). A new declaration would give the
 * variable a new class, and every piece of code compiled against the old one would have to be compiled
 * again; the assignment keeps it, so cells that read {@code n} re-run as they are.
 *
 * <p>Only the plain form qualifies: {@code Type name = initializer;} on one line up to the '=', no
 * modifiers or annotations, not {@code var} (its type comes from the initializer), no array initializer
 * (not an expression), an initializer that does not mention the name itself, and a declaration of the same
 * name that JShell holds as valid, written with the same type. Declaration and assignment then convert the
 * initializer in the same (assignment) context, so the variable gets the same value of the same type. A
 * form the assignment cannot take (two declarators, say) fails to compile, and the declaration is then
 * evaluated as it is.
 */
record Redeclaration(VarSnippet variable, String assignment) {

    /** "Type name =" at the start: a (qualified, generic, array) type, one space at least, a name, '='. */
    private static final Pattern HEADER = Pattern.compile(
            "([A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*(?:\\s*<[^=;{}()\"']*>)?(?:\\s*\\[\\s*])*)"
            + "\\s+([A-Za-z_$][\\w$]*)\\s*(=(?!=)|;)");

    /** The assignment that replaces {@code source}, or null when it must be declared as written. */
    static Redeclaration of(JShell jshell, String source) {
        Matcher header = HEADER.matcher(source);
        if (!header.lookingAt() || !header.group(3).equals("=") || header.group().indexOf('\n') >= 0) {
            return null;
        }
        String type = normalized(header.group(1));
        String name = header.group(2);
        if (type.equals("var") || isModifierOrKeyword(type)) {
            return null;
        }
        String initializer = source.substring(header.end());
        String trimmed = initializer.strip();
        if (trimmed.startsWith("{") || Identifiers.in(initializer).contains(name) || source.contains("\\u")) {
            return null;
        }
        VarSnippet existing = jshell.variables()
                .filter(v -> v.name().equals(name) && jshell.status(v).isActive())
                .reduce((first, second) -> second)
                .orElse(null);
        if (existing == null || jshell.status(existing) != Snippet.Status.VALID
                || existing.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            return null;
        }
        Matcher old = HEADER.matcher(existing.source());
        if (!old.lookingAt() || !old.group(2).equals(name) || !normalized(old.group(1)).equals(type)) {
            return null;
        }
        return new Redeclaration(existing, name + " =" + initializer);
    }

    private static String normalized(String type) {
        return type.replaceAll("\\s+", "");
    }

    /** A header such as "final int" or "return x" is not "Type name". */
    private static boolean isModifierOrKeyword(String type) {
        return switch (type) {
            case "final", "static", "public", "private", "protected", "transient", "volatile", "return", "throw",
                 "new", "else", "case", "yield", "assert", "import", "package", "abstract", "synchronized" -> true;
            default -> false;
        };
    }
}
