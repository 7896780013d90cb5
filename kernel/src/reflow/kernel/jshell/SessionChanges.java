package reflow.kernel.jshell;

import java.util.List;

/**
 * What one evaluation changed in the session, as JShell's events report it (the truth the reactive engine
 * reconciles its graph with):
 *
 * @param declared definitions the cell's snippets declared and that are live now, in source order
 * @param failed   variables whose initializer threw: JShell would keep them as null or zero; the bridge
 *                 drops them, so the name is undefined until its cell succeeds
 * @param reset    variables of other snippets whose value JShell threw away because a type or method they
 *                 depend on changed shape (JShell resets them to null/zero or makes them unusable); the
 *                 bridge drops them, so only re-running their cell brings them back
 */
public record SessionChanges(List<Definition> declared, List<String> failed, List<Reset> reset) {
    /** A variable that lost its value, and the definition of this cell whose change caused it. */
    public record Reset(String variable, Definition cause) {}

    public static final SessionChanges NONE = new SessionChanges(List.of(), List.of(), List.of());

    public SessionChanges {
        declared = List.copyOf(declared);
        failed = List.copyOf(failed);
        reset = List.copyOf(reset);
    }
}
