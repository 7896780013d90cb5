package reflow.kernel.jshell;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

/**
 * Keeps a rejected declaration from destroying the one it tried to replace. JShell overwrites an existing
 * variable, method or type as soon as a new declaration of the same name is analysed, even when the new one
 * then fails to compile ({@code int keep = "text";} loses {@code keep}). What was overwritten is JShell's
 * own report (the OVERWRITTEN events of the rejected eval); the guard puts it back: a method or type by
 * re-declaring its source (no side effects, and the variables that depend on it come back with their
 * values), a variable by declaring it without initializer and restoring the value saved before the eval
 * (so its initializer does not run again).
 */
final class RejectionGuard {
    private record Saved(String typeName, Object value) {}

    private final JShell jshell;
    private final JShellBridge bridge;
    private final Map<String, Saved> savedVariables = new HashMap<>();

    RejectionGuard(JShell jshell, JShellBridge bridge) {
        this.jshell = jshell;
        this.bridge = bridge;
    }

    /**
     * Saves the values of the variables {@code source} may overwrite: once overwritten they cannot be read.
     * The names come from a lexical scan (asking JShell, {@code sourceToSnippets}, compiles the snippet: 10 to
     * 30 ms on every execute); a name picked up wrongly only costs reading one value that is not needed.
     */
    void before(String source) {
        savedVariables.clear();
        Set<String> names = candidateNames(source);
        if (names.isEmpty()) {
            return;
        }
        jshell.variables()
                .filter(v -> names.contains(v.name()) && jshell.status(v) == Snippet.Status.VALID)
                .forEach(v -> savedVariables.put(v.name(), new Saved(v.typeName(), bridge.valueOf(v.name()))));
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

    /** A type followed by "NAME =|;|,|[", or ", NAME =" (int a = 1, b = 2). */
    private static final Pattern DECLARED_NAME = Pattern.compile(
            "[\\w$>\\]]\\s+([A-Za-z_$][\\w$]*)\\s*(?:=(?!=)|;|,|\\[)"
            + "|,\\s*([A-Za-z_$][\\w$]*)\\s*=(?!=)");

    /** After a rejection: re-establishes what the rejected snippet overwrote, as JShell reported it. */
    void restoreAfterRejection(List<SnippetEvent> events) {
        for (SnippetEvent event : events) {
            if (event.causeSnippet() == null || event.status() != Snippet.Status.OVERWRITTEN) {
                continue;
            }
            Snippet lost = event.snippet();
            try {
                if (lost instanceof VarSnippet v) {
                    Saved saved = savedVariables.get(v.name());
                    if (saved != null) {
                        jshell.eval(saved.typeName() + " " + v.name() + ";");
                        bridge.setValue(v.name(), saved.value());
                    }
                } else {
                    jshell.eval(lost.source());
                }
            } catch (RuntimeException e) {
                // Best effort: the rejection itself is what the user is told about.
            }
        }
        savedVariables.clear();
    }
}
