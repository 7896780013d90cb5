package reflow.kernel.magic;

import java.util.Map;

/**
 * {@code %compilations}: what the session compiled so far and what it re-ran without compiling. Tests and
 * curious users count recompiles with it.
 */
public final class CompilationsMagic {
    private CompilationsMagic() {}

    public static Map<String, Object> render(Map<String, Long> counts) {
        long compiled = counts.getOrDefault("compiled", 0L);
        long reused = counts.getOrDefault("reused", 0L);
        String text = "JShell compiled " + compiled + " cell snippet" + (compiled == 1 ? "" : "s") + "; " + reused
                + " re-ran their compiled code without compiling (" + counts.getOrDefault("kept", 0L)
                + " compiled snippets kept). Compiles left out " + counts.getOrDefault("importsLeftOut", 0L)
                + " import lines of declarations they do not name.";
        return Map.of("text/plain", text);
    }
}
