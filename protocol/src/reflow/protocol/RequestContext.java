package reflow.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Supplier;
import reflow.protocol.wire.Message;

/** The {@link ExecutionContext} of one execute_request. */
final class RequestContext implements ExecutionContext {
    private final Message request;
    private final boolean allowStdin;
    private final Emitter emitter;
    private final StdinRequests stdin;
    private final Supplier<List<QueuedRequest>> queued;
    private final Header header;

    RequestContext(Message request, boolean allowStdin, Emitter emitter, StdinRequests stdin,
                   Supplier<List<QueuedRequest>> queued) {
        this.request = request;
        this.allowStdin = allowStdin;
        this.emitter = emitter;
        this.stdin = stdin;
        this.queued = queued;
        this.header = toHeader(request);
    }

    private static Header toHeader(Message request) {
        try {
            return Json.MAPPER.treeToValue(request.header(), Header.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request header has fields of the wrong type: " + e.getOriginalMessage());
        }
    }

    @Override
    public Header header() {
        return header;
    }

    @Override
    public JsonNode metadata() {
        return request.metadata();
    }

    @Override
    public void publish(String msgType, Object content) {
        emitter.publish(request.header(), msgType, content);
    }

    @Override
    public void publish(String msgType, Object content, Object metadata, List<byte[]> buffers) {
        emitter.publish(request.header(), msgType, content, metadata, buffers);
    }

    @Override
    public String readInput(String prompt, boolean password) throws StdinNotAllowedException, InterruptedException {
        if (!allowStdin) {
            throw new StdinNotAllowedException();
        }
        return stdin.read(request, prompt, password);
    }

    @Override
    public List<QueuedRequest> queuedRequests() {
        return queued.get();
    }
}
