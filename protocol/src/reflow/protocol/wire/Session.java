package reflow.protocol.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import reflow.protocol.Json;

/** Builds outgoing messages: one session id per process, fresh msg_id and timestamp per message. */
public final class Session {
    public static final String PROTOCOL_VERSION = "5.3";
    /** ISO 8601 with microseconds and zone, as jupyter_client writes it: 2026-11-26T02:11:15.123456Z */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final String id = UUID.randomUUID().toString();
    private final String username;

    public Session(String username) {
        this.username = username;
    }

    public String id() {
        return id;
    }

    public static String date(Instant instant) {
        return DATE.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    public ObjectNode header(String msgType) {
        ObjectNode header = Json.MAPPER.createObjectNode();
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("session", id);
        header.put("username", username);
        header.put("date", date(Instant.now()));
        header.put("msg_type", msgType);
        header.put("version", PROTOCOL_VERSION);
        return header;
    }

    /** A message with a fresh header; content and metadata are any Jackson-serialisable objects. */
    public Message message(List<byte[]> identities, String msgType, ObjectNode parentHeader, Object content,
                           Object metadata) {
        return message(identities, msgType, parentHeader, content, metadata, List.of());
    }

    /** The same, with binary buffers: the frames after content (comm messages of widgets carry them). */
    public Message message(List<byte[]> identities, String msgType, ObjectNode parentHeader, Object content,
                           Object metadata, List<byte[]> buffers) {
        return new Message(identities, header(msgType),
                parentHeader == null ? Json.MAPPER.createObjectNode() : parentHeader,
                toObject(metadata), toObject(content), buffers);
    }

    public static ObjectNode toObject(Object value) {
        if (value == null) {
            return Json.MAPPER.createObjectNode();
        }
        if (value instanceof ObjectNode node) {
            return node;
        }
        return Json.MAPPER.valueToTree(value);
    }
}
