package reflow.bench;

import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * A JShell in this JVM with JShell's own "local" execution engine and nothing else: the floor that the
 * kernel's figures are compared with. A cell is cut into snippets with analyzeCompletion, as any kernel
 * must do before JShell.eval.
 */
final class BareJShell implements AutoCloseable {
    private final JShell shell;
    private final long buildNanos;

    private BareJShell(JShell shell, long buildNanos) {
        this.shell = shell;
        this.buildNanos = buildNanos;
    }

    static BareJShell start() {
        long start = System.nanoTime();
        JShell shell = JShell.builder().executionEngine("local").build();
        return new BareJShell(shell, System.nanoTime() - start);
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
