package reflow.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
 *
 * <p>busy: when the kernel is idle, the protocol thread publishes a request's busy itself as it hands the
 * request over (a frontend sees busy without waiting for two thread hand-offs); when requests are queued,
 * their busy must follow the previous request's idle, so the worker publishes it when it starts on them.
 */
final class ShellWorker implements Runnable {
    /** A request, whether its busy is already on the wire, and its trace (null unless tracing). */
    record Queued(Message request, boolean busySent, ProtocolTrace trace) {}

    private final KernelHandler handler;
    private final Emitter emitter;
    private final StdinRequests stdin;
    private final Runnable stopServer;
    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    /** Protocol thread only: requests handed over whose final idle has not been sent on iopub yet. */
    private int unfinished;
    private final IdleHeapTrim heapTrim = new IdleHeapTrim();
    /** Traces of requests whose final idle is on its way, in order (only when tracing). */
    private final java.util.Queue<ProtocolTrace> ending = new java.util.concurrent.ConcurrentLinkedQueue<>();
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

    /**
     * Called by the protocol thread for every decoded shell message. When no earlier request is unfinished,
     * {@code publishBusy} sends its busy right away (from the thread that received it) and the worker
     * will not send another.
     */
    void enqueue(Message request, java.util.function.Consumer<Message> publishBusy, ProtocolTrace trace) {
        boolean first = unfinished == 0;
        unfinished++;
        heapTrim.busy();
        if (first) {
            publishBusy.accept(request);
            ProtocolTrace.mark(trace, ProtocolTrace.Stage.BUSY_SENT);
        }
        queue.add(new Queued(request, first, trace));
        ProtocolTrace.mark(trace, ProtocolTrace.Stage.ENQUEUED);
    }

    /** Called by the protocol thread when it has sent a request's final idle. */
    void requestEnded() {
        unfinished--;
        if (unfinished == 0) {
            heapTrim.idle();
        }
        ProtocolTrace trace = ending.poll();
        if (trace != null) {
            trace.finish();
        }
    }

    void stop(Thread thread) {
        stopping = true;
        heapTrim.close();
        thread.interrupt();
    }

    @Override
    public void run() {
        while (!stopping) {
            Queued next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                continue; // an interrupt aimed at a finished cell, or stop(): the loop condition decides
            }
            serve(next);
            Thread.interrupted(); // an interrupt that arrived late must not hit the next request
        }
    }

    private void serve(Queued next) {
        Message request = next.request();
        ProtocolTrace.mark(next.trace(), ProtocolTrace.Stage.TAKEN);
        if (!next.busySent()) {
            emitter.status(request.header(), "busy");
        }
        current = next.trace();
        try {
            dispatch(request);
        } finally {
            ProtocolTrace.mark(next.trace(), ProtocolTrace.Stage.HANDLED);
            if (next.trace() != null) {
                ending.add(next.trace());
            }
            emitter.requestEnd(request.header());
            ProtocolTrace.mark(next.trace(), ProtocolTrace.Stage.END_QUEUED);
        }
    }

    /** The running request's trace, so that parsing can be told apart from the handler. */
    private ProtocolTrace current;

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
                case "comm_open" -> {
                    if (!handler.commOpen(comm(request), commContext(request))) {
                        closeUnknownComm(request);
                    }
                }
                case "comm_msg" -> handler.commMsg(comm(request), commContext(request));
                case "comm_close" -> handler.commClose(comm(request), commContext(request));
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
            if (!type.startsWith("comm_") || type.equals("comm_info_request")) {
                emitter.reply(Channel.SHELL, request, replyType(type), content); // comm messages have no reply
            }
        }
    }

    private static CommRequest comm(Message request) {
        JsonNode data = request.content().path("data");
        JsonNode metadata = request.metadata();
        return new CommRequest(request.msgType(), request.msgId(), request.field("comm_id").asText(""),
                request.field("target_name").asText(""), data.isObject() ? data : Json.MAPPER.createObjectNode(),
                metadata, request.buffers());
    }

    /** What a comm handler publishes is parented to the comm message (widgets match echoes by it). */
    private ExecutionContext commContext(Message request) {
        return new RequestContext(request, false, emitter, stdin, this::queued);
    }

    private void execute(Message request) {
        if (toAbort.remove(request.msgId())) {
            reply(request, ExecuteReply.aborted());
            return;
        }
        ExecuteRequest execute = parse(request, ExecuteRequest.class);
        RequestContext context = new RequestContext(request, execute.allowStdin(), emitter, stdin, this::queued);
        ProtocolTrace.mark(current, ProtocolTrace.Stage.PARSED);
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
            for (Queued waiting : queue) {
                if (waiting.request().msgType().equals("execute_request")) {
                    toAbort.add(waiting.request().msgId());
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
                .map(Queued::request)
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
