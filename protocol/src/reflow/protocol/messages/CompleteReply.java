package reflow.protocol.messages;

import java.util.List;
import java.util.Map;

/** complete_reply content; metadata may carry {@code _jupyter_types_experimental}. */
public record CompleteReply(String status, List<String> matches, int cursorStart, int cursorEnd,
                            Map<String, Object> metadata) {
    public static CompleteReply of(List<String> matches, int cursorStart, int cursorEnd, Map<String, Object> metadata) {
        return new CompleteReply("ok", matches, cursorStart, cursorEnd, metadata);
    }
}
