package reflow.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reflow.protocol.Channel;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;

/**
 * The widget manager's side of the protocol, as {@code @jupyter-widgets/base} 6 speaks it: it keeps the
 * models the kernel opens on {@code jupyter.widget} (their state, merged with each update and echo_update,
 * dropped at comm_close) and sends what a view sends when the user acts: {@code update} with the changed
 * state, {@code custom} for a button click, {@code request_state}, and the control comm's
 * {@code request_states}. Re-runs that a change causes land in the cells of the {@link NotebookFrontend}.
 */
final class WidgetFrontend {
    private final KernelClient client;
    private final NotebookFrontend notebook;
    final Map<String, ObjectNode> models = new LinkedHashMap<>();
    final Map<String, JsonNode> openMetadata = new LinkedHashMap<>();
    final Set<String> closed = new LinkedHashSet<>();
    /** Every comm message the kernel sent, in order. */
    final List<Message> received = new ArrayList<>();

    WidgetFrontend(KernelClient client, NotebookFrontend notebook) {
        this.client = client;
        this.notebook = notebook;
    }

    /** Runs a cell and takes the comm messages it sent. */
    KernelClient.Execution run(String cellId, String code) {
        KernelClient.Execution run = notebook.run(cellId, code);
        absorb(run.iopub());
        return run;
    }

    void absorb(List<Message> iopub) {
        for (Message m : iopub) {
            switch (m.msgType()) {
                case "comm_open" -> {
                    received.add(m);
                    if (m.field("target_name").asText().equals("jupyter.widget")) {
                        models.put(m.field("comm_id").asText(), (ObjectNode) m.field("data").path("state").deepCopy());
                        openMetadata.put(m.field("comm_id").asText(), m.metadata());
                    }
                }
                case "comm_msg" -> {
                    received.add(m);
                    ObjectNode model = models.get(m.field("comm_id").asText());
                    String method = m.field("data").path("method").asText();
                    if (model != null && (method.equals("update") || method.equals("echo_update"))) {
                        model.setAll((ObjectNode) m.field("data").path("state"));
                    }
                }
                case "comm_close" -> {
                    received.add(m);
                    models.remove(m.field("comm_id").asText());
                    closed.add(m.field("comm_id").asText());
                }
                default -> { }
            }
        }
    }

    /** The model a cell's output shows (its widget-view bundle), or null. */
    static String shownModel(KernelClient.Execution run) {
        for (Message m : run.iopub()) {
            JsonNode view = m.field("data").path("application/vnd.jupyter.widget-view+json");
            if (view.has("model_id")) return view.get("model_id").asText();
        }
        return null;
    }

    /** Sends a comm message; returns its msg_id. */
    String send(String commId, Map<String, Object> data) {
        return client.send(Channel.SHELL, "comm_msg", Map.of("comm_id", commId, "data", data));
    }

    /** The user sets {@code state} in a view (a slider drag ends at a value): the update the model syncs. */
    String update(String commId, Map<String, Object> state) {
        return send(commId, Map.of("method", "update", "state", state, "buffer_paths", List.of()));
    }

    /** Waits for the kernel to finish with a comm message: its iopub until idle, re-runs applied. */
    List<Message> settle(String msgId) {
        List<Message> iopub = client.iopubUntilIdle(msgId, NotebookFrontend.TIMEOUT);
        absorb(iopub);
        notebook.applyReruns();
        return iopub;
    }

    /** The comm messages sent with {@code method} in {@code iopub}. */
    static List<Message> withMethod(List<Message> iopub, String method) {
        List<Message> found = new ArrayList<>();
        for (Message m : iopub) {
            if (m.msgType().equals("comm_msg") && m.field("data").path("method").asText().equals(method)) found.add(m);
        }
        return found;
    }
}
