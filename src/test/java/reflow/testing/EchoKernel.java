package reflow.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import reflow.protocol.ConnectionInfo;
import reflow.protocol.ExecutionContext;
import reflow.protocol.KernelHandler;
import reflow.protocol.KernelServer;
import reflow.protocol.StdinNotAllowedException;
import reflow.protocol.messages.*;

/**
 * A tiny kernel for protocol tests. execute understands:
 * <ul>
 *   <li>{@code sleep}: blocks until interrupted, then replies error "Interrupted";</li>
 *   <li>{@code wait N}: sleeps N ms, then echoes;</li>
 *   <li>{@code fail}: replies error EchoError (and publishes it);</li>
 *   <li>{@code throw}: the handler throws IllegalStateException("boom");</li>
 *   <li>{@code input} / {@code password}: reads a line from stdin and prints "got: VALUE";</li>
 *   <li>{@code queued}: prints the msg_types of the queued shell requests;</li>
 *   <li>{@code flood N}: publishes N stream messages "0\n" .. "N-1\n", one per line, as fast as it can;</li>
 *   <li>anything else: stream stdout with the code, then execute_result text/plain with the code.</li>
 * </ul>
 * interrupt and shutdown print one line to stderr so tests can see that they reached the handler.
 */
public final class EchoKernel implements KernelHandler {
    private int executionCount;
    private volatile Thread executing;

    public static void main(String[] args) throws Exception {
        new KernelServer(ConnectionInfo.read(Path.of(args[0])), new EchoKernel()).run();
    }

    @Override
    public KernelInfoReply kernelInfo() {
        return new KernelInfoReply("ok", "5.3", "echo", "1.0",
                new KernelInfoReply.LanguageInfo("echo", "1.0", "text/plain", ".txt", "text", "text", "script"),
                "Echo kernel", List.of(), List.of(), false);
    }

    @Override
    public ExecuteReply execute(ExecuteRequest request, ExecutionContext context) {
        int count = request.storeHistory() ? ++executionCount : executionCount;
        String code = request.code().strip();
        executing = Thread.currentThread();
        try {
            if (code.equals("sleep")) {
                context.stream("stdout", "sleeping\n");
                Thread.sleep(60_000);
                return ExecuteReply.error(count, "Timeout", "sleep was never interrupted", List.of());
            }
            if (code.startsWith("wait ")) {
                Thread.sleep(Long.parseLong(code.substring(5).strip()));
            }
            if (code.equals("fail")) {
                context.error("EchoError", "asked to fail", List.of("EchoError: asked to fail"));
                return ExecuteReply.error(count, "EchoError", "asked to fail", List.of("EchoError: asked to fail"));
            }
            if (code.equals("throw")) {
                throw new IllegalStateException("boom");
            }
            if (code.equals("input") || code.equals("password")) {
                String value = context.readInput("name? ", code.equals("password"));
                context.stream("stdout", "got: " + value + "\n");
                return ExecuteReply.ok(count, Map.of());
            }
            if (code.startsWith("flood ")) {
                int lines = Integer.parseInt(code.substring(6).strip());
                for (int i = 0; i < lines; i++) {
                    context.stream("stdout", i + "\n");
                }
                return ExecuteReply.ok(count, Map.of());
            }
            if (code.equals("queued")) {
                List<String> types = context.queuedRequests().stream().map(ExecutionContext.QueuedRequest::msgType).toList();
                context.stream("stdout", String.join(",", types));
                return ExecuteReply.ok(count, Map.of());
            }
            context.stream("stdout", request.code());
            context.executeResult(count, Map.of("text/plain", request.code()), Map.of());
            return ExecuteReply.ok(count, Map.of());
        } catch (InterruptedException e) {
            // Keep the flag set while publishing: cell code often does, and the protocol must survive it.
            Thread.currentThread().interrupt();
            context.error("Interrupted", "execution interrupted", List.of("Interrupted"));
            return ExecuteReply.error(count, "Interrupted", "execution interrupted", List.of("Interrupted"));
        } catch (StdinNotAllowedException e) {
            return ExecuteReply.error(count, "StdinNotAllowed", e.getMessage(), List.of(e.getMessage()));
        } finally {
            executing = null;
        }
    }

    @Override
    public CompleteReply complete(CompleteRequest request) {
        return CompleteReply.of(List.of(request.code() + "!"), 0, request.cursorPos(), Map.of());
    }

    @Override
    public InspectReply inspect(InspectRequest request) {
        return request.code().isEmpty() ? InspectReply.notFound()
                : InspectReply.found(Map.of("text/plain", "inspected " + request.code()));
    }

    @Override
    public IsCompleteReply isComplete(IsCompleteRequest request) {
        return request.code().endsWith("{") ? IsCompleteReply.incomplete("    ") : IsCompleteReply.complete();
    }

    @Override
    public HistoryReply history(HistoryRequest request) {
        return HistoryReply.of(List.of(List.of(0, 1, "first")));
    }

    @Override
    public void interrupt() {
        System.err.println("echo: interrupt");
        Thread running = executing;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public void shutdown(boolean restart) {
        System.err.println("echo: shutdown restart=" + restart);
    }
}
