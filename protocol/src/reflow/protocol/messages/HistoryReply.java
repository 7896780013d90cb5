package reflow.protocol.messages;

import java.util.List;

/**
 * history_reply. Each entry is {@code [session, line, input]} or, with output requested,
 * {@code [session, line, [input, output]]}, as the spec's tuples.
 */
public record HistoryReply(String status, List<List<Object>> history) {
    public static HistoryReply of(List<List<Object>> history) {
        return new HistoryReply("ok", history);
    }
}
