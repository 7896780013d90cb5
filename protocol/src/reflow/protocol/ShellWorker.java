package reflow.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import reflow.protocol.messages.*;
import reflow.protocol.wire.Message;

/**
 * Serves shell requests one at a time in arrival order: busy, handler call, reply, idle. Runs on its own
 * thread so the protocol thread stays free for control (interrupt, shutdown) while a cell runs.
 */
final class ShellWorker implements Runnable {
    private final KernelHandler handler;
    private final Emitter emitter;
    private final StdinRequests stdin;
    private final Runnable stopServer;
    private final BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
    /** Executes that were queued when an execute failed with stop_on_error; answered "aborted". */
    private final Set<String> toAbort = new HashSet<>();
    private int lastExecutionCount;
    private volatile boolean stopping;

    ShellWorker(KernelHandler handler, Emitter emitter, StdinRequests stdin, Runnable stopServer) {
        this.handler = handler;
        this.emitter = emitter;
        this.stdin = stdin;
        this.stopServer = stopServer;
    }

    /** Called by the protocol thread for every decoded shell message. */
    void enqueue(Message request) {
        queue.add(request);
    }

    void stop(Thread thread) {
        stopping = true;
        thread.interrupt();
    }

    @Override
    public void run() {
        while (!stopping) {
            Message request;
            try {
                request = queue.take();
            } catch (InterruptedException e) {
                continue; // an interrupt aimed at a finished cell, or stop(): the loop condition decides
            }
            serve(request);
            Thread.interrupted(); // an interrupt that arrived late must not hit the next request
        }
    }

    private void serve(Message request) {
        emitter.status(request.header(), "busy");
        try {
            dispatch(request);
        } finally {
            emitter.status(request.header(), "idle");
        }
    }

    private void dispatch(Message request) {
        String type = request.msgType();
        try {
            switch (type) {
                case "execute_request" -> execute(request);
                case "kernel_info_request" -> reply(request, handler.kernelInfo());
                case "complete_request" -> reply(request, handler.complete(parse(request, CompleteRequest.class)));
                case "inspect_request" -> reply(request, handler.inspect(parse(request, InspectRequest.class)));
                case "is_complete_request" ->
                        reply(request, handler.isComplete(parse(request, IsCompleteRequest.class)));
                case "history_request" -> reply(request, handler.history(parse(request, HistoryRequest.class)));
                case "comm_info_request" -> reply(request, handler.commInfo(parse(request, CommInfoRequest.class)));
                case "comm_open" -> closeUnknownComm(request);
                case "comm_msg", "comm_close" -> { } // no comms are ever open
                case "shutdown_request" -> shutdown(request); // protocol < 5 sent it on shell
                default -> KernelLog.warn("shell: ignored unknown msg_type " + type);
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            KernelLog.warn("shell: " + type + " failed: " + e);
            Map<String, Object> content = ErrorContent.of(e);
            if (type.equals("execute_request")) {
                content.put("execution_count", lastExecutionCount);
                emitter.publish(request.header(), "error", Map.of("ename", content.get("ename"),
                        "evalue", content.get("evalue"), "traceback", content.get("traceback")));
                abortQueuedIfStopOnError(request);
            }
            emitter.reply(Channel.SHELL, request, replyType(type), content);
        }
    }

    private void execute(Message request) {
        if (toAbort.remove(request.msgId())) {
            reply(request, ExecuteReply.aborted());
            return;
        }
        ExecuteRequest execute = parse(request, ExecuteRequest.class);
        RequestContext context = new RequestContext(request, execute.allowStdin(), emitter, stdin, this::queued);
        ExecuteReply reply = handler.execute(execute, context);
        if (reply.executionCount() != null) {
            lastExecutionCount = reply.executionCount();
        }
        if ("error".equals(reply.status())) {
            abortQueuedIfStopOnError(request);
        }
        reply(request, reply);
    }

    private void abortQueuedIfStopOnError(Message failed) {
        if (failed.content().path("stop_on_error").asBoolean(true)) {
            for (Message waiting : queue) {
                if (waiting.msgType().equals("execute_request")) {
                    toAbort.add(waiting.msgId());
                }
            }
        }
    }

    private void closeUnknownComm(Message request) {
        String commId = request.field("comm_id").asText("");
        KernelLog.info("shell: closing comm " + commId + " for unknown target " + request.field("target_name"));
        emitter.publish(request.header(), "comm_close", Map.of("comm_id", commId, "data", Map.of()));
    }

    private void shutdown(Message request) {
        boolean restart = request.field("restart").asBoolean(false);
        handler.shutdown(restart);
        emitter.reply(Channel.SHELL, request, "shutdown_reply", Map.of("status", "ok", "restart", restart));
        stopServer.run();
    }

    private List<ExecutionContext.QueuedRequest> queued() {
        return queue.stream()
                .map(m -> new ExecutionContext.QueuedRequest(m.msgType(), m.content(), m.metadata()))
                .toList();
    }

    private void reply(Message request, Object content) {
        emitter.reply(Channel.SHELL, request, replyType(request.msgType()), content);
    }

    static String replyType(String requestType) {
        return requestType.endsWith("_request")
                ? requestType.substring(0, requestType.length() - "_request".length()) + "_reply"
                : requestType + "_reply";
    }

    static <T> T parse(Message request, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(request.content(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(request.msgType() + " content does not match the protocol: "
                    + e.getOriginalMessage());
        }
    }
}
