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
 * recordTiming) and applies outputs the way JupyterLab 4 does: an iopub message goes to the output area of
 * the cell whose request is its parent (also a request that finished long ago: the area keeps listening
 * until the cell runs again); clear_output(wait) clears at the next output; update_display_data replaces the
 * display_data rows that showed that display id, in any cell; execute_result rows are never updated.
 * {@link #shown(String)} is then what the user sees in a cell.
 */
final class NotebookFrontend {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** One output row as JupyterLab's output area model holds it. */
    static final class Output {
        final String type;
        String text;
        String mime;

        Output(String type, String text, String mime) {
            this.type = type;
            this.text = text;
            this.mime = mime;
        }

        @Override
        public String toString() {
            return type + ": " + text;
        }
    }

    /** A cell's output area: its rows, the display ids they registered, a pending clear. */
    private static final class Area {
        final List<Output> outputs = new ArrayList<>();
        final Map<String, List<Output>> displays = new LinkedHashMap<>();
        boolean clearNext;

        void add(Output o) {
            if (clearNext) {
                clear();
            }
            outputs.add(o);
        }

        void clear() {
            outputs.clear();
            displays.clear();
            clearNext = false;
        }
    }

    private final KernelClient client;
    private final Map<String, Area> areas = new LinkedHashMap<>();
    private final Map<String, String> cellOfRequest = new LinkedHashMap<>();
    private final java.util.Set<String> finished = new java.util.HashSet<>();
    private final List<String> deletedSinceLastRun = new ArrayList<>();
    private final boolean jupyterLabMetadata;
    private final Map<String, Long> reruns = new LinkedHashMap<>();

    NotebookFrontend(KernelClient client) {
        this(client, true);
    }

    /** {@code jupyterLabMetadata} false: only cellId, as an unknown frontend might send it. */
    NotebookFrontend(KernelClient client, boolean jupyterLabMetadata) {
        this.client = client;
        this.jupyterLabMetadata = jupyterLabMetadata;
    }

    /** Sends a cell without waiting (JupyterLab's Run All sends them all at once). */
    String send(String cellId, String code) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("cellId", cellId);
        if (jupyterLabMetadata) {
            metadata.put("recordTiming", false);
            metadata.put("deletedCells", List.copyOf(deletedSinceLastRun));
        }
        deletedSinceLastRun.clear();
        String msgId = client.send(Channel.SHELL, "execute_request", Map.of("code", code, "silent", false,
                "store_history", true, "user_expressions", Map.of(), "allow_stdin", true, "stop_on_error", true),
                metadata);
        // Running a cell gives it a fresh output area: the old request's messages no longer reach it.
        cellOfRequest.values().removeIf(cellId::equals);
        cellOfRequest.put(msgId, cellId);
        areas.put(cellId, new Area());
        return msgId;
    }

    /** Runs a cell and applies everything the kernel sent while it ran. */
    KernelClient.Execution run(String cellId, String code) {
        return await(cellId, send(cellId, code));
    }

    KernelClient.Execution await(String cellId, String msgId) {
        KernelClient.Execution execution = client.collect(msgId, TIMEOUT);
        apply(cellId, execution.iopub());
        finished.add(msgId);
        // Messages parented to other cells' earlier requests (re-runs) arrived before this request's idle.
        List<Message> others = client.takeReceived(Channel.IOPUB,
                m -> finished.contains(m.parentMsgId()) && cellOfRequest.containsKey(m.parentMsgId()));
        for (Message m : others) {
            apply(cellOfRequest.get(m.parentMsgId()), List.of(m));
        }
        return execution;
    }

    /**
     * Applies what arrived parented to cells' finished requests while something else ran (a widget change
     * re-runs cells inside a comm_msg): JupyterLab puts it in those cells.
     */
    void applyReruns() {
        List<Message> others = client.takeReceived(Channel.IOPUB,
                m -> finished.contains(m.parentMsgId()) && cellOfRequest.containsKey(m.parentMsgId()));
        for (Message m : others) {
            apply(cellOfRequest.get(m.parentMsgId()), List.of(m));
        }
    }

    /**
     * How often a re-run replaced a cell's output so far (its clear_output messages; the kernel sends none
     * to a cell that showed nothing and shows nothing again).
     */
    long rerunsOf(String cellId) {
        return reruns.getOrDefault(cellId, 0L);
    }

    void delete(String cellId) {
        areas.remove(cellId);
        cellOfRequest.values().removeIf(cellId::equals);
        deletedSinceLastRun.add(cellId);
    }

    private void apply(String cellId, List<Message> messages) {
        Area area = areas.computeIfAbsent(cellId, k -> new Area());
        for (Message m : messages) {
            String displayId = m.field("transient").path("display_id").asText(null);
            switch (m.msgType()) {
                case "stream" -> area.add(new Output("stream", m.field("text").asText(), m.field("name").asText()));
                case "execute_result", "display_data" -> {
                    Output out = new Output(m.msgType(), text(m.field("data")), mime(m.field("data")));
                    if (displayId != null && m.msgType().equals("display_data")) {
                        update(displayId, m.field("data")); // a known id: JupyterLab updates the old rows first
                    }
                    area.add(out);
                    if (displayId != null && m.msgType().equals("display_data")) {
                        area.displays.computeIfAbsent(displayId, k -> new ArrayList<>()).add(out);
                    }
                }
                case "update_display_data" -> update(displayId, m.field("data"));
                case "error" -> {
                    StringBuilder text = new StringBuilder(m.field("ename").asText() + ": " + m.field("evalue").asText());
                    m.field("traceback").forEach(line -> text.append('\n').append(line.asText()));
                    area.add(new Output("error", text.toString(), null));
                }
                case "clear_output" -> {
                    reruns.merge(cellId, 1L, Long::sum);
                    if (m.field("wait").asBoolean()) {
                        area.clearNext = true;
                    } else {
                        area.clear();
                    }
                }
                default -> { }
            }
        }
    }

    private void update(String displayId, JsonNode data) {
        for (Area area : areas.values()) {
            for (Output o : area.displays.getOrDefault(displayId, List.of())) {
                o.text = text(data);
                o.mime = mime(data);
            }
        }
    }

    private static String text(JsonNode data) {
        return data.path("text/plain").asText("");
    }

    /** The richest type in a bundle, as a renderer would pick it. */
    private static String mime(JsonNode data) {
        for (String type : List.of("application/json", "text/html", "text/markdown", "text/latex", "image/svg+xml",
                "image/png", "image/jpeg")) {
            if (data.has(type)) return type;
        }
        return "text/plain";
    }

    /** The output rows a cell shows now. */
    List<Output> outputs(String cellId) {
        Area area = areas.get(cellId);
        return area == null ? List.of() : List.copyOf(area.outputs);
    }

    /** Everything a cell shows now, as text, outputs joined by newlines. */
    String shown(String cellId) {
        StringBuilder all = new StringBuilder();
        for (Output out : outputs(cellId)) {
            all.append(out.text).append('\n');
        }
        return all.toString();
    }

    /**
     * The final text of the displays an execution showed in its own cell (display_data, then updates by
     * id): the report of what re-ran, was skipped or went stale.
     */
    static String reports(KernelClient.Execution execution) {
        Map<String, String> byId = new LinkedHashMap<>();
        for (Message m : execution.iopub()) {
            if (m.msgType().equals("display_data") || m.msgType().equals("update_display_data")) {
                String id = m.field("transient").path("display_id").asText(m.msgId());
                if (m.msgType().equals("display_data") || byId.containsKey(id)) {
                    byId.put(id, text(m.field("data")));
                }
            }
        }
        return String.join("\n", byId.values()) + "\n";
    }

    /** The report a cell shows about other cells (re-ran, skipped, stale): its display_data rows. */
    String report(String cellId) {
        StringBuilder all = new StringBuilder();
        for (Output out : outputs(cellId)) {
            if (out.type.equals("display_data")) {
                all.append(out.text).append('\n');
            }
        }
        return all.toString();
    }
}
