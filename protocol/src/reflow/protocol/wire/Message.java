package reflow.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One Jupyter message as JSON trees. {@code identities} are the routing frames before the delimiter
 * (ROUTER peers) or the topic on IOPub; {@code buffers} are the raw frames after content.
 */
public record Message(List<byte[]> identities, ObjectNode header, ObjectNode parentHeader,
                      ObjectNode metadata, ObjectNode content, List<byte[]> buffers) {

    public Message {
        identities = List.copyOf(identities);
        buffers = List.copyOf(buffers);
    }

    public String msgType() {
        return header.path("msg_type").asText();
    }

    public String msgId() {
        return header.path("msg_id").asText();
    }

    /** msg_id of the parent header, or "" when the message has no parent. */
    public String parentMsgId() {
        return parentHeader.path("msg_id").asText("");
    }

    /** A content field, or a missing node; convenient in tests: {@code m.field("status").asText()}. */
    public JsonNode field(String name) {
        return content.path(name);
    }

    @Override
    public String toString() {
        return msgType() + " " + content + " (msg_id " + msgId() + ", parent " + parentMsgId() + ")";
    }
}
