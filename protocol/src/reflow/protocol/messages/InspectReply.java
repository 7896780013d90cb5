package reflow.protocol.messages;

import java.util.Map;

public record InspectReply(String status, boolean found, Map<String, Object> data, Map<String, Object> metadata) {
    public static InspectReply found(Map<String, Object> data) {
        return new InspectReply("ok", true, data, Map.of());
    }

    public static InspectReply notFound() {
        return new InspectReply("ok", false, Map.of(), Map.of());
    }
}
