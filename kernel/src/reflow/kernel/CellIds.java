package reflow.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Cell identity from execute_request metadata. JupyterLab sends {@code cellId} (the nbformat cell id) and
 * {@code deletedCells}; VS Code sends {@code cellId} as a vscode-notebook-cell URI; nbclient, nbconvert and
 * jupyter console send none. A request without an id runs like in any kernel: it never triggers re-runs and
 * is never re-run, so plain clients see exactly the output of a non-reactive kernel.
 */
final class CellIds {
    private CellIds() {}

    static String cellId(JsonNode metadata) {
        JsonNode id = metadata == null ? null : metadata.get("cellId");
        return id != null && id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
    }

    /** Cell ids of the execute requests waiting behind the current one (JupyterLab's Run All). */
    static List<String> queued(reflow.protocol.ExecutionContext context) {
        List<String> ids = new ArrayList<>();
        for (reflow.protocol.ExecutionContext.QueuedRequest q : context.queuedRequests()) {
            if ("execute_request".equals(q.msgType()) && q.metadata() != null
                    && q.metadata().path("cellId").isTextual()) {
                ids.add(q.metadata().path("cellId").asText());
            }
        }
        return ids;
    }

    static List<String> deleted(JsonNode metadata) {
        List<String> ids = new ArrayList<>();
        JsonNode deleted = metadata == null ? null : metadata.get("deletedCells");
        if (deleted != null && deleted.isArray()) {
            deleted.forEach(n -> {
                if (n.isTextual()) ids.add(n.asText());
            });
        }
        return ids;
    }
}
