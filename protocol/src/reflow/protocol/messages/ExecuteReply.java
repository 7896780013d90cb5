package reflow.protocol.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * execute_reply content: status ok (with user_expressions), error (ename/evalue/traceback) or aborted.
 * An aborted request never ran, so its reply has no execution_count (as ipykernel's): JupyterLab shows
 * whatever count a reply carries as the cell's prompt, and a count there labels a cell that never ran.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecuteReply(String status, Integer executionCount, Map<String, Object> userExpressions,
                           List<Object> payload, String ename, String evalue, List<String> traceback) {

    public static ExecuteReply ok(int executionCount, Map<String, Object> userExpressions) {
        return new ExecuteReply("ok", executionCount, userExpressions, List.of(), null, null, null);
    }

    public static ExecuteReply error(int executionCount, String ename, String evalue, List<String> traceback) {
        return new ExecuteReply("error", executionCount, null, null, ename, evalue, traceback);
    }

    public static ExecuteReply aborted() {
        return new ExecuteReply("aborted", null, null, null, null, null, null);
    }
}
