package reflow.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A comm message from a frontend: {@code comm_open} (with its {@code targetName}), {@code comm_msg} or
 * {@code comm_close}. {@code data} and {@code metadata} are as sent (an empty object when absent);
 * {@code buffers} are the binary frames after the content, in order.
 */
public record CommRequest(String msgType, String msgId, String commId, String targetName, JsonNode data,
                          JsonNode metadata, List<byte[]> buffers) {
    public CommRequest {
        buffers = List.copyOf(buffers);
    }
}
