package reflow.kernel.output;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which kind of client sent a request, as far as its metadata tells. JupyterLab (and Notebook 7, built on
 * it) adds {@code deletedCells} and {@code recordTiming} beside {@code cellId}; VS Code's cell ids are
 * {@code vscode-notebook-cell:} URIs. Both show messages parented to a cell's earlier request in that cell,
 * which is how a re-run replaces a downstream cell's output. Any other client sending cell ids may not, so
 * the cell that triggered re-runs also gets copies of their outputs there.
 */
public enum Frontend {
    JUPYTERLAB, VSCODE, OTHER_WITH_CELL_IDS, PLAIN;

    public static Frontend of(JsonNode metadata) {
        JsonNode id = metadata == null ? null : metadata.get("cellId");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            return PLAIN;
        }
        if (id.asText().startsWith("vscode-notebook-cell:")) {
            return VSCODE;
        }
        if (metadata.has("deletedCells") || metadata.has("recordTiming")) {
            return JUPYTERLAB;
        }
        return OTHER_WITH_CELL_IDS;
    }

    /** Whether a re-run's output reaches the downstream cell itself (so the trigger needs no copies). */
    public boolean showsRerunsInPlace() {
        return this == JUPYTERLAB || this == VSCODE;
    }
}
