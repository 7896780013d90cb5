package reflow.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What a running execute_request can do besides returning its reply: publish on IOPub (parented to the
 * request), read from the frontend over stdin, and look at the shell requests queued behind it.
 * All methods are safe to call from any thread (user code may display from its own threads).
 */
public interface ExecutionContext {

    /** The request's header (msg_id, session, ...). */
    Header header();

    /** The request's metadata as sent (JupyterLab: cellId, deletedCells, recordTiming; VS Code: cellId). */
    JsonNode metadata();

    /** Publishes any IOPub message parented to this request; content is serialised with Jackson. */
    void publish(String msgType, Object content);

    /** An IOPub message with metadata and binary buffers (frames after the content), parented to this request. */
    void publish(String msgType, Object content, Object metadata, List<byte[]> buffers);

    default void stream(String name, String text) {
        publish("stream", Map.of("name", name, "text", text));
    }

    default void executeInput(String code, int executionCount) {
        publish("execute_input", Map.of("code", code, "execution_count", executionCount));
    }

    default void executeResult(int executionCount, Map<String, Object> data, Map<String, Object> metadata) {
        publish("execute_result", Map.of("execution_count", executionCount, "data", data, "metadata", metadata));
    }

    /** display_data; a non-null displayId goes into {@code transient.display_id}. */
    default void displayData(Map<String, Object> data, Map<String, Object> metadata, String displayId) {
        publish("display_data", DisplayContent.of(data, metadata, displayId));
    }

    default void updateDisplayData(Map<String, Object> data, Map<String, Object> metadata, String displayId) {
        publish("update_display_data", DisplayContent.of(data, metadata, displayId));
    }

    default void clearOutput(boolean wait) {
        publish("clear_output", Map.of("wait", wait));
    }

    default void error(String ename, String evalue, List<String> traceback) {
        publish("error", Map.of("ename", ename, "evalue", evalue, "traceback", traceback));
    }

    /**
     * Sends input_request on stdin and blocks for the input_reply.
     *
     * @throws StdinNotAllowedException when the request had {@code allow_stdin: false}
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    String readInput(String prompt, boolean password) throws StdinNotAllowedException, InterruptedException;

    /** Snapshot of the shell requests received but not yet handled, oldest first. */
    List<QueuedRequest> queuedRequests();

    /** A shell request waiting behind the current one. */
    record QueuedRequest(String msgType, ObjectNode content, ObjectNode metadata) {}
}
