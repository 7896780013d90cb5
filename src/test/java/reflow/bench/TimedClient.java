package reflow.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import reflow.protocol.Channel;
import reflow.testing.KernelClient;

/**
 * Times requests over the real protocol. A round trip ends when BOTH the reply (shell) and status idle
 * (iopub) have arrived, which is when a frontend considers the cell done.
 */
final class TimedClient {
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** An execution and how long it took, send to idle. */
    record Timed(long nanos, KernelClient.Execution execution) {
        double ms() {
            return Samples.nanosToMs(nanos);
        }
    }

    private final KernelClient client;

    TimedClient(KernelClient client) {
        this.client = client;
    }

    /** A plain execute_request, as a console or a kernel without reactivity sees it. */
    Timed execute(String code) {
        long start = System.nanoTime();
        String msgId = client.execute(code);
        return finished(start, client.collect(msgId, TIMEOUT), code);
    }

    /** An execute_request with metadata.cellId, as JupyterLab sends it: the cell is tracked and may cascade. */
    Timed executeCell(String cellId, String code) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("cellId", cellId);
        long start = System.nanoTime();
        String msgId = client.send(Channel.SHELL, "execute_request", Map.of("code", code, "silent", false,
                "store_history", true, "user_expressions", Map.of(), "allow_stdin", true, "stop_on_error", true),
                metadata);
        return finished(start, client.collect(msgId, TIMEOUT), code);
    }

    /** complete_request with the cursor at the end; the clock stops at the reply, then idle is drained. */
    long complete(String code) {
        long start = System.nanoTime();
        String msgId = client.send(Channel.SHELL, "complete_request", Map.of("code", code, "cursor_pos", code.length()));
        var reply = client.awaitReply(Channel.SHELL, msgId, TIMEOUT);
        long nanos = System.nanoTime() - start;
        client.iopubUntilIdle(msgId, TIMEOUT);
        if (reply.field("matches").isEmpty()) {
            throw new IllegalStateException("complete_request for `" + code + "` found nothing: " + reply.content());
        }
        return nanos;
    }

    private static Timed finished(long start, KernelClient.Execution execution, String code) {
        long nanos = System.nanoTime() - start;
        if (!execution.status().equals("ok")) {
            throw new IllegalStateException("the kernel failed on `" + code + "`: " + execution.reply().content());
        }
        return new Timed(nanos, execution);
    }
}
