package reflow.bench;

import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * A JShell in this JVM with JShell's own "local" execution engine and the imports the jshell tool starts
 * with (JShell's DEFAULT startup: java.util.*, java.io.*, ...; every snippet is compiled against them, so
 * without them the floor would be lower than what any user of jshell gets): the floor that the kernel's
 * figures are compared with. A cell is cut into snippets with analyzeCompletion, as any kernel
 * must do before JShell.eval.
 */
final class BareJShell implements AutoCloseable {
    /** The jshell tool's DEFAULT startup imports and java.time (the kernel has the same, plus the notebook functions). */
    private static final List<String> DEFAULT_IMPORTS = List.of("java.io.*", "java.math.*", "java.net.*",
            "java.nio.file.*", "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*",
            "java.util.regex.*", "java.util.stream.*", "java.time.*");

    private final JShell shell;
    private final long buildNanos;

    private BareJShell(JShell shell, long buildNanos) {
        this.shell = shell;
        this.buildNanos = buildNanos;
    }

    static BareJShell start() {
        long start = System.nanoTime();
        JShell shell = JShell.builder().executionEngine("local").build();
        long built = System.nanoTime() - start;
        for (String pkg : DEFAULT_IMPORTS) {
            shell.eval("import " + pkg + ";");
        }
        return new BareJShell(shell, built);
    }

    long buildNanos() {
        return buildNanos;
    }

    /** Evaluates a whole cell and returns how long it took; a compile error or exception stops the benchmark. */
    long evalCell(String cell) {
        long start = System.nanoTime();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = cell;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                throw new IllegalStateException("bare JShell: unfinished snippet in " + cell);
            }
            check(shell.eval(info.source()), info.source());
            remaining = info.remaining();
        }
        return System.nanoTime() - start;
    }

    /** Completion at the end of {@code code}, as a kernel's complete_request would ask. */
    long complete(String code) {
        long start = System.nanoTime();
        List<SourceCodeAnalysis.Suggestion> suggestions =
                shell.sourceCodeAnalysis().completionSuggestions(code, code.length(), new int[1]);
        if (suggestions.isEmpty()) {
            throw new IllegalStateException("bare JShell: no completion for " + code);
        }
        return System.nanoTime() - start;
    }

    private void check(List<SnippetEvent> events, String source) {
        for (SnippetEvent event : events) {
            if (event.status() == Snippet.Status.REJECTED) {
                throw new IllegalStateException("bare JShell rejected `" + source + "`: " + shell.diagnostics(
                        event.snippet()).map(d -> d.getMessage(null)).toList());
            }
            if (event.exception() != null) {
                throw new IllegalStateException("bare JShell: `" + source + "` threw " + event.exception());
            }
        }
    }

    @Override
    public void close() {
        shell.close();
    }
}
