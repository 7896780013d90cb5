package reflow.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reflow.protocol.Channel;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;

/**
 * A test frontend that sends JupyterLab-shaped execute requests (metadata.cellId, deletedCells,
 * recordTiming) and applies outputs the way JupyterLab does: display ids map to the outputs that showed
 * them, and update_display_data replaces those outputs wherever they are. {@link #shown(String)} is then
 * what the user sees in a cell.
 */
final class NotebookFrontend {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KernelClient client;
    private final Map<String, List<Map<String, String>>> outputsByCell = new LinkedHashMap<>();
    private final Map<String, List<Map<String, String>>> byDisplayId = new LinkedHashMap<>();
    private final List<String> deletedSinceLastRun = new ArrayList<>();

    NotebookFrontend(KernelClient client) {
        this.client = client;
    }

    /** Sends a cell without waiting (JupyterLab's Run All sends them all at once). */
    String send(String cellId, String code) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("cellId", cellId);
        metadata.put("recordTiming", false);
        if (!deletedSinceLastRun.isEmpty()) {
            metadata.put("deletedCells", List.copyOf(deletedSinceLastRun));
            deletedSinceLastRun.clear();
        }
        return client.send(Channel.SHELL, "execute_request", Map.of("code", code, "silent", false,
                "store_history", true, "user_expressions", Map.of(), "allow_stdin", true, "stop_on_error", true),
                metadata);
    }

    /** Runs a cell and applies everything the kernel sent while it ran. */
    KernelClient.Execution run(String cellId, String code) {
        return await(cellId, send(cellId, code));
    }

    KernelClient.Execution await(String cellId, String msgId) {
        KernelClient.Execution execution = client.collect(msgId, TIMEOUT);
        apply(cellId, execution.iopub());
        return execution;
    }

    void delete(String cellId) {
        outputsByCell.remove(cellId);
        deletedSinceLastRun.add(cellId);
    }

    private void apply(String cellId, List<Message> messages) {
        List<Map<String, String>> outputs = new ArrayList<>();
        outputsByCell.put(cellId, outputs);
        for (Message m : messages) {
            switch (m.msgType()) {
                case "stream" -> outputs.add(output("stream", m.field("text").asText()));
                case "execute_result", "display_data" -> {
                    Map<String, String> out = output(m.msgType(), text(m.field("data")));
                    outputs.add(out);
                    String id = m.field("transient").path("display_id").asText(null);
                    if (id != null) {
                        byDisplayId.computeIfAbsent(id, k -> new ArrayList<>()).forEach(o -> o.put("text", out.get("text")));
                        byDisplayId.get(id).add(out);
                    }
                }
                case "update_display_data" -> byDisplayId.getOrDefault(m.field("transient").path("display_id").asText(),
                        List.of()).forEach(o -> o.put("text", text(m.field("data"))));
                case "error" -> outputs.add(output("error", m.field("ename").asText() + ": " + m.field("evalue").asText()));
                case "clear_output" -> outputs.clear();
                default -> { }
            }
        }
    }

    private static Map<String, String> output(String type, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("type", type);
        out.put("text", text);
        return out;
    }

    private static String text(JsonNode data) {
        return data.path("text/plain").asText("");
    }

    /** Everything a cell shows now, as text, outputs joined by newlines. */
    String shown(String cellId) {
        StringBuilder all = new StringBuilder();
        for (Map<String, String> out : outputsByCell.getOrDefault(cellId, List.of())) {
            all.append(out.get("text")).append('\n');
        }
        return all.toString();
    }

    /** Text of the display_data messages without display id in an execution: re-run reports. */
    static String reports(KernelClient.Execution execution) {
        StringBuilder all = new StringBuilder();
        for (Message m : execution.ofType("display_data")) {
            if (m.field("transient").path("display_id").isMissingNode()) {
                all.append(text(m.field("data"))).append('\n');
            }
        }
        return all.toString();
    }
}
