package reflow.protocol.messages;

import java.util.Map;

/** comm_info_reply: comms maps comm_id to {target_name}. */
public record CommInfoReply(String status, Map<String, Map<String, String>> comms) {
    public static CommInfoReply empty() {
        return new CommInfoReply("ok", Map.of());
    }
}
