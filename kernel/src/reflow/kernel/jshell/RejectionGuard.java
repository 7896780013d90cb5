package reflow.kernel.jshell;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * Keeps a rejected declaration from destroying the one it tried to replace. JShell overwrites an existing
 * variable, method or type as soon as a new declaration of the same name is analysed, even when the new one
 * then fails to compile ({@code int keep = "text";} loses {@code keep}). Before a snippet is evaluated the
 * guard remembers what it would replace; after a rejection it puts it back: a method or type by
 * re-declaring its source (no side effects), a variable by declaring it without initializer and restoring
 * its value (so its initializer does not run again).
 */
final class RejectionGuard {
    private record Saved(Snippet snippet, String typeName, Object value) {}

    private final JShell jshell;
    private final JShellBridge bridge;
    private final List<Saved> saved = new ArrayList<>();

    RejectionGuard(JShell jshell, JShellBridge bridge) {
        this.jshell = jshell;
        this.bridge = bridge;
    }

    /**
     * Remembers the active declarations that {@code source} may replace. The names come from a lexical scan
     * (asking JShell, {@code sourceToSnippets}, compiles the snippet: 10 to 30 ms on every execute); a name
     * the scan picks up wrongly only costs reading one value that is then not needed.
     */
    void before(String source) {
        saved.clear();
        Set<String> names = candidateNames(source);
        if (names.isEmpty()) {
            return;
        }
        jshell.snippets().filter(s -> names.contains(JShellBridge.declaredName(s)))
                // Only a valid variable has a value to keep; others (reset by a redefinition) have none.
                .filter(s -> s instanceof VarSnippet ? jshell.status(s) == Snippet.Status.VALID : jshell.status(s).isActive())
                .forEach(s -> {
                    if (s instanceof VarSnippet v) {
                        saved.add(new Saved(s, v.typeName(), bridge.valueOf(v.name())));
                    } else {
                        saved.add(new Saved(s, null, null));
                    }
                });
    }

    private static Set<String> candidateNames(String source) {
        Matcher m = DECLARED_NAME.matcher(source);
        Set<String> names = new HashSet<>();
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) names.add(m.group(g));
            }
        }
        return names;
    }

    /** "class|interface|enum|record NAME", a type followed by "NAME =|;|(|,|[", or ", NAME =" (int a = 1, b = 2). */
    private static final Pattern DECLARED_NAME = Pattern.compile(
            "\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)"
            + "|[\\w$>\\]]\\s+([A-Za-z_$][\\w$]*)\\s*(?:=(?!=)|;|\\(|,|\\[)"
            + "|,\\s*([A-Za-z_$][\\w$]*)\\s*=(?!=)");

    /** After a rejection: re-establishes what was lost. */
    void restoreAfterRejection() {
        for (Saved s : saved) {
            if (jshell.status(s.snippet()).isActive()) {
                continue;
            }
            try {
                if (s.snippet() instanceof VarSnippet v) {
                    jshell.eval(s.typeName() + " " + v.name() + ";");
                    bridge.setValue(v.name(), s.value());
                } else {
                    jshell.eval(s.snippet().source());
                }
            } catch (RuntimeException e) {
                // Best effort: the rejection itself is what the user is told about.
            }
        }
        saved.clear();
    }
}
