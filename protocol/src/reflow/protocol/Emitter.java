package reflow.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import reflow.protocol.wire.Message;
import reflow.protocol.wire.Session;

/** Turns "reply to this request" / "publish this" into messages with the right parent, identities and topic. */
final class Emitter {
    private final Session session;
    private final MessageSink sink;

    Emitter(Session session, MessageSink sink) {
        this.session = session;
        this.sink = sink;
    }

    Session session() {
        return session;
    }

    /** Sends {@code replyType} back to the peer that sent {@code request}, on the same channel. */
    void reply(Channel channel, Message request, String replyType, Object content) {
        sink.send(channel, session.message(request.identities(), replyType, request.header(), content, null));
    }

    /** An IOPub message parented to {@code parentHeader}. */
    void publish(ObjectNode parentHeader, String msgType, Object content) {
        sink.send(Channel.IOPUB, session.message(List.of(topic(msgType)), msgType, parentHeader, content, null));
    }

    /** The same, with metadata and binary buffers (a widget's comm_open: {"version": "2.1.0"}). */
    void publish(ObjectNode parentHeader, String msgType, Object content, Object metadata, List<byte[]> buffers) {
        sink.send(Channel.IOPUB, session.message(List.of(topic(msgType)), msgType, parentHeader, content, metadata,
                buffers));
    }

    void status(ObjectNode parentHeader, String executionState) {
        publish(parentHeader, "status", Map.of("execution_state", executionState));
    }

    /** The idle that ends a shell request: the last message it sends. */
    void requestEnd(ObjectNode parentHeader) {
        sink.sendRequestEnd(session.message(List.of(topic("status")), "status", parentHeader,
                Map.of("execution_state", "idle"), null));
    }

    private byte[] topic(String msgType) {
        return ("kernel." + session.id() + "." + msgType).getBytes(StandardCharsets.UTF_8);
    }

    /** Sends a message on stdin to the peer of {@code request} and returns it (its msg_id matches the reply). */
    Message stdin(Message request, String msgType, Object content) {
        Message message = session.message(request.identities(), msgType, request.header(), content, null);
        sink.send(Channel.STDIN, message);
        return message;
    }
}
