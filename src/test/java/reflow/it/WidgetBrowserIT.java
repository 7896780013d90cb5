package reflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Widgets in the real JupyterLab 4 notebook UI ({@link BrowserUi}, with
 * {@code @jupyter-widgets/jupyterlab-manager} 5 as JupyterLab's widget extension sets it up), in headless
 * Chromium: {@code src/test/browser/widgets-ui.ipynb} runs, then its slider is moved with the arrow keys
 * and dragged with the mouse, its dropdown set, and the page saved and reloaded ({@code driver/widgets.js}).
 * The tests assert on what the page shows after each step: the widgets render, the cells that read them
 * show new output in place, nothing else runs, and a reloaded page gets the widgets back. Screenshots and the record are in {@code target/browser-widgets/}.
 */
class WidgetBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NOTEBOOK = BrowserUi.SOURCES.resolve("widgets-ui.ipynb");
    private static final Path OUT = JupyterSandbox.BASEDIR.resolve("target").resolve("browser-widgets");
    private static final String CHROMIUM = System.getenv().getOrDefault("REFLOW_CHROMIUM", "/usr/bin/chromium");

    @RegisterExtension
    static final InstalledReflow installed = new InstalledReflow();

    private static List<String> cellIds;
    private static JsonNode report;

    @BeforeAll
    static void moveTheWidgetsInJupyterLab() throws Exception {
        BrowserUi ui = BrowserUi.buildOrReuse();
        Files.createDirectories(OUT);
        try (var old = Files.list(OUT)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Path notebooks = Files.createDirectories(installed.sandbox().root.resolve("widget-notebooks"));
        Files.copy(NOTEBOOK, notebooks.resolve("widgets-ui.ipynb"));
        cellIds = StreamSupport.stream(JSON.readTree(NOTEBOOK.toFile()).get("cells").spliterator(), false)
                .map(cell -> cell.get("id").asText()).toList();
        try (BrowserIT.NotebookServer server = BrowserIT.NotebookServer.start(installed.sandbox(), ui.bundle,
                notebooks, OUT.resolve("server.log"))) {
            Path config = OUT.resolve("driver-config.json");
            Path reportFile = OUT.resolve("report.json");
            JSON.writeValue(config.toFile(), Map.ofEntries(
                    Map.entry("url", server.url("reflow-ui?path=widgets-ui.ipynb&token=" + server.token)),
                    Map.entry("chromium", CHROMIUM),
                    Map.entry("screenshots", OUT.toString()),
                    Map.entry("report", reportFile.toString()),
                    Map.entry("timeoutMs", 150_000),
                    Map.entry("sliderCell", codeCellIndex("slider")),
                    Map.entry("readerCell", codeCellIndex("square")),
                    Map.entry("dropdownCell", codeCellIndex("color")),
                    Map.entry("dropdownReaderCell", codeCellIndex("shown")),
                    Map.entry("arrowPresses", 2),
                    Map.entry("afterArrow", "square = 25"),
                    Map.entry("afterDrag", "square = 100"),
                    Map.entry("dropdownOption", "blue"),
                    Map.entry("afterDropdown", "colour: blue")));
            ProcessResult drive = JupyterSandbox.run(ui.workDir, Map.of(), Duration.ofMinutes(8),
                    List.of("node", "driver/widgets.js", config.toString()));
            report = Files.exists(reportFile) ? JSON.readTree(reportFile.toFile()) : null;
            assertTrue(drive.succeeded() && report != null && !report.has("error"),
                    "the browser session failed (screenshots and report.json in " + OUT + ", server log "
                            + server.log + "):\n" + drive.describe());
            System.out.println("WidgetBrowserIT steps: " + report.get("steps") + "; console: " + report.get("console"));
        }
    }

    @Test
    void theSliderAndTheDropdownRenderAsControls() {
        assertEquals(0, report.get("pageErrors").size(), "uncaught errors in the page: " + report.get("pageErrors"));
        JsonNode slider = onlyWidget("after-run-all", "slider");
        assertTrue(slider.get("classes").toString().contains("widget-slider"), slider.toString());
        assertEquals("3", slider.get("readout").asText(), slider.toString());
        assertEquals("n", slider.get("description").asText(), slider.toString());
        assertTrue(onlyWidget("after-run-all", "color").get("classes").toString().contains("widget-dropdown"));
        assertTrue(outputText("after-run-all", "square").contains("square = 9"));
        List<String> prompts = new ArrayList<>();
        for (String id : cellIds) {
            if (!id.equals("intro")) prompts.add(cell("after-run-all", id).get("prompt").asText());
        }
        assertEquals(List.of("[1]:", "[2]:", "[3]:", "[4]:", "[5]:", "[6]:"), prompts);
        assertFalse(outputText("after-run-all", "slider").contains("IntSlider("), "the text fallback is not shown");
    }

    @Test
    void arrowKeysOnTheSliderReRunTheCellsThatReadItInPlace() {
        assertEquals("5", onlyWidget("after-arrow-keys", "slider").get("readout").asText());
        String square = outputText("after-arrow-keys", "square");
        assertEquals(1, BrowserIT.occurrences(square, "square = 25"), square);
        assertFalse(square.contains("square = 9"), "the old output is replaced: " + square);
        assertTrue(html("after-arrow-keys", "bar").contains("width:250px"), html("after-arrow-keys", "bar"));
        assertEquals(outputText("after-run-all", "max"), outputText("after-arrow-keys", "max"),
                "a cell that uses the slider but not its value does not run");
        for (String id : cellIds) {
            assertEquals(cell("after-run-all", id).get("prompt"), cell("after-arrow-keys", id).get("prompt"),
                    "no cell is executed by the frontend, and the slider's cell keeps its place: " + id);
        }
    }

    @Test
    void draggingTheSliderEndsWithTheLastValue() {
        assertEquals("10", onlyWidget("after-drag", "slider").get("readout").asText());
        String square = outputText("after-drag", "square");
        assertEquals(1, BrowserIT.occurrences(square, "square = "), "one output row, the last value's: " + square);
        assertTrue(square.contains("square = 100"), square);
        assertTrue(html("after-drag", "bar").contains("width:1000px"));
    }

    @Test
    void choosingAnotherOptionReRunsItsReader() {
        assertTrue(outputText("after-dropdown", "shown").contains("colour: blue"));
        assertFalse(outputText("after-dropdown", "shown").contains("colour: red"));
        assertTrue(outputText("after-dropdown", "square").contains("square = 100"), "the slider's reader stays");
        assertEquals(0, report.get("pageErrors").size(), "uncaught errors in the page: " + report.get("pageErrors"));
    }

    @Test
    void afterAReloadTheWidgetsComeBackWithTheirCurrentValues() {
        JsonNode slider = onlyWidget("reloaded", "slider");
        assertEquals("10", slider.get("readout").asText(), "the model's state comes from the kernel: " + slider);
        assertTrue(onlyWidget("reloaded", "color").get("classes").toString().contains("widget-dropdown"));
        assertTrue(outputText("reloaded", "square").contains("square = 100"), "the saved output");
        assertEquals(0, report.get("pageErrors").size(), "uncaught errors in the page: " + report.get("pageErrors"));
    }

    private static JsonNode onlyWidget(String snapshot, String id) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode row : cell(snapshot, id).get("outputs")) {
            row.get("widgets").forEach(found::add);
        }
        assertEquals(1, found.size(), "one widget in cell " + id + " (" + snapshot + "): " + cell(snapshot, id));
        return found.get(0);
    }

    private static int codeCellIndex(String id) throws java.io.IOException {
        int index = 0;
        for (JsonNode cell : JSON.readTree(NOTEBOOK.toFile()).get("cells")) {
            if (cell.get("id").asText().equals(id)) return index;
            if (cell.get("cell_type").asText().equals("code")) index++;
        }
        throw new IllegalArgumentException("no cell " + id);
    }

    private static JsonNode cell(String snapshot, String id) {
        JsonNode cells = report.get("snapshots").get(snapshot);
        assertEquals(cellIds.size(), cells.size(), "cells on the page in " + snapshot);
        return cells.get(cellIds.indexOf(id));
    }

    private static String outputText(String snapshot, String id) {
        StringBuilder text = new StringBuilder();
        cell(snapshot, id).get("outputs").forEach(row -> text.append(row.get("text").asText()).append('\n'));
        return text.toString();
    }

    private static String html(String snapshot, String id) {
        StringBuilder html = new StringBuilder();
        cell(snapshot, id).get("outputs").forEach(row -> html.append(row.get("html").asText()));
        return html.toString();
    }
}
