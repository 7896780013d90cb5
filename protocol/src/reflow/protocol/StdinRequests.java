package reflow.protocol;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import reflow.protocol.wire.Message;

/** input_request / input_reply pairing: one pending request at a time, as executes run one at a time. */
final class StdinRequests {
    private record Pending(String inputRequestId, CompletableFuture<String> value) {}

    private final Emitter emitter;
    private final AtomicReference<Pending> pending = new AtomicReference<>();

    StdinRequests(Emitter emitter) {
        this.emitter = emitter;
    }

    /** Asks the frontend that sent {@code request} for a line; blocks until it answers or the thread is interrupted. */
    String read(Message request, String prompt, boolean password) throws InterruptedException {
        CompletableFuture<String> value = new CompletableFuture<>();
        // Registered before sending so that a fast reply cannot arrive before we listen for it.
        Pending mine = new Pending(null, value);
        pending.set(mine);
        try {
            Message sent = emitter.stdin(request, "input_request",
                    Map.of("prompt", prompt == null ? "" : prompt, "password", password));
            Pending withId = new Pending(sent.msgId(), value);
            pending.compareAndSet(mine, withId);
            mine = withId;
            return value.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("input_reply failed", e.getCause());
        } finally {
            pending.compareAndSet(mine, null);
        }
    }

    /** Called on the protocol thread for every message arriving on stdin. */
    void onMessage(Message message) {
        if (!message.msgType().equals("input_reply")) {
            KernelLog.warn("stdin: ignored " + message.msgType() + " (only input_reply is expected)");
            return;
        }
        Pending current = pending.get();
        String parent = message.parentMsgId();
        if (current == null) {
            KernelLog.warn("stdin: dropped input_reply, no input_request is waiting");
        } else if (!parent.isEmpty() && current.inputRequestId() != null && !parent.equals(current.inputRequestId())) {
            KernelLog.warn("stdin: dropped input_reply for an earlier input_request " + parent);
        } else {
            current.value().complete(message.field("value").asText(""));
        }
    }
}
