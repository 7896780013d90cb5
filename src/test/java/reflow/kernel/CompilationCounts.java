package reflow.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reflow.testing.KernelClient;

/** What a kernel compiled and re-ran, read through its {@code %compilations} magic (which compiles nothing). */
record CompilationCounts(long compiled, long reused) {
    private static final Pattern COUNTS = Pattern.compile("compiled (\\d+) cell snippets?; (\\d+) re-ran");

    CompilationCounts minus(CompilationCounts before) {
        return new CompilationCounts(compiled - before.compiled, reused - before.reused);
    }

    static CompilationCounts of(KernelClient client) {
        KernelClient.Execution magic = client.executeAndCollect("%compilations");
        String text = magic.ofType("execute_result").isEmpty()
                ? String.valueOf(magic.iopub())
                : magic.ofType("execute_result").get(0).field("data").path("text/plain").asText();
        Matcher m = COUNTS.matcher(text);
        assertTrue(m.find(), "%compilations said: " + text);
        return new CompilationCounts(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    /** Runs the cell (which must succeed) and returns what the run and its cascade compiled and re-used. */
    static CompilationCounts during(KernelClient client, NotebookFrontend lab, String cellId, String code) {
        CompilationCounts before = of(client);
        KernelClient.Execution edit = lab.run(cellId, code);
        assertEquals("ok", edit.status(), () -> "the edit itself must succeed: " + lab.shown(cellId));
        return of(client).minus(before);
    }
}
