package reflow.protocol.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** execute_reply content: status ok (with user_expressions), error (ename/evalue/traceback) or aborted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecuteReply(String status, int executionCount, Map<String, Object> userExpressions,
                           List<Object> payload, String ename, String evalue, List<String> traceback) {

    public static ExecuteReply ok(int executionCount, Map<String, Object> userExpressions) {
        return new ExecuteReply("ok", executionCount, userExpressions, List.of(), null, null, null);
    }

    public static ExecuteReply error(int executionCount, String ename, String evalue, List<String> traceback) {
        return new ExecuteReply("error", executionCount, null, null, ename, evalue, traceback);
    }

    public static ExecuteReply aborted(int executionCount) {
        return new ExecuteReply("aborted", executionCount, null, null, null, null, null);
    }
}
