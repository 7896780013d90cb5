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

    /** Remembers the active declarations that {@code source} would replace. */
    void before(String source) {
        saved.clear();
        if (!mayRedeclare(source)) {
            return; // the common case (expressions, statements, new names) skips JShell's costly analysis
        }
        List<String> names = new ArrayList<>();
        for (Snippet planned : jshell.sourceCodeAnalysis().sourceToSnippets(source)) {
            String name = JShellBridge.declaredName(planned);
            if (name != null) names.add(name);
        }
        if (names.isEmpty()) {
            return;
        }
        jshell.snippets().filter(s -> jshell.status(s).isActive())
                .filter(s -> names.contains(JShellBridge.declaredName(s)))
                .forEach(s -> {
                    if (s instanceof VarSnippet v) {
                        saved.add(new Saved(s, v.typeName(), bridge.valueOf(v.name())));
                    } else {
                        saved.add(new Saved(s, null, null));
                    }
                });
    }

    /**
     * A cheap lexical test: could this snippet declare a name that is declared now? Only then is JShell asked
     * what it declares (sourceToSnippets compiles expressions to find their type, ~30 ms).
     */
    private boolean mayRedeclare(String source) {
        Matcher m = DECLARED_NAME.matcher(source);
        Set<String> candidates = new HashSet<>();
        while (m.find()) {
            candidates.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        if (candidates.isEmpty()) {
            return false;
        }
        return bridge.declaredNames().stream().anyMatch(candidates::contains);
    }

    /** "class|interface|enum|record NAME", or a type followed by "NAME =|;|(|,|[" as in declarations. */
    private static final Pattern DECLARED_NAME = Pattern.compile(
            "\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)"
            + "|[\\w$>\\]]\\s+([A-Za-z_$][\\w$]*)\\s*(?:=(?!=)|;|\\(|,|\\[)");

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
