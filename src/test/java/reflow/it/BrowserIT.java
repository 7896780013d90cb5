package reflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real JupyterLab 4 notebook UI (its npm packages bundled by webpack, {@link BrowserUi}) served by
 * Debian's jupyter_server, in headless Chromium driven by playwright-core ({@code src/test/browser}).
 * The driver opens {@code src/test/browser/reactive-ui.ipynb} with the Reflow kernel, clicks Run All,
 * saves, changes {@code int n = 3;} to {@code int n = 5;} by typing into the cell, runs only that cell
 * (Ctrl+Enter), saves again, reloads the page and runs that cell once more ({@code int n = 7;}); after
 * each step it waits for the page to settle and records every cell's prompt and output rows as the DOM
 * shows them. The tests below assert on that record and on the saved notebook, as a user looking at the
 * page (or at the .ipynb) would. Screenshots and the record are in {@code target/browser/}.
 */
class BrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NOTEBOOK = BrowserUi.SOURCES.resolve("reactive-ui.ipynb");
    private static final Path OUT = JupyterSandbox.BASEDIR.resolve("target").resolve("browser");
    private static final String CHROMIUM = System.getenv().getOrDefault("REFLOW_CHROMIUM", "/usr/bin/chromium");
    private static final String EDITED_CELL = "n";
    private static final String EDITED_SOURCE = "int n = 5;";
    private static final String EDITED_AFTER_RELOAD = "int n = 7;";
    private static final List<String> DOWNSTREAM = List.of("square", "value", "heading", "image", "table", "error");

    @RegisterExtension
    static final InstalledReflow installed = new InstalledReflow();

    private static List<String> cellIds;
    private static JsonNode report;
    private static JsonNode savedFile;

    @BeforeAll
    static void runTheNotebookInJupyterLab() throws Exception {
        BrowserUi ui = BrowserUi.buildOrReuse();
        Files.createDirectories(OUT);
        try (var old = Files.list(OUT)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Path notebooks = Files.createDirectories(installed.sandbox().root.resolve("notebooks"));
        Files.copy(NOTEBOOK, notebooks.resolve("reactive-ui.ipynb"));
        cellIds = StreamSupport.stream(JSON.readTree(NOTEBOOK.toFile()).get("cells").spliterator(), false)
                .map(cell -> cell.get("id").asText()).toList();

        try (NotebookServer server = NotebookServer.start(installed.sandbox(), ui.bundle, notebooks)) {
            Path config = OUT.resolve("driver-config.json");
            Path reportFile = OUT.resolve("report.json");
            JSON.writeValue(config.toFile(), Map.of(
                    "url", server.url("reflow-ui?path=reactive-ui.ipynb&token=" + server.token),
                    "contentsUrl", server.url("api/contents/reactive-ui.ipynb?content=1"),
                    "token", server.token,
                    "chromium", CHROMIUM,
                    "screenshots", OUT.toString(),
                    "report", reportFile.toString(),
                    "editCell", codeCellIndex(EDITED_CELL),
                    "editSource", EDITED_SOURCE,
                    "reloadEditSource", EDITED_AFTER_RELOAD,
                    "timeoutMs", 150_000));
            ProcessResult drive = JupyterSandbox.run(ui.workDir, Map.of(), Duration.ofMinutes(8),
                    List.of("node", "driver/drive.js", config.toString()));
            report = Files.exists(reportFile) ? JSON.readTree(reportFile.toFile()) : null;
            assertTrue(drive.succeeded() && report != null && !report.has("error"),
                    "the browser session failed (screenshots and report.json in " + OUT + ", server log "
                            + server.log + "):\n" + drive.describe());
            savedFile = JSON.readTree(notebooks.resolve("reactive-ui.ipynb").toFile());
            System.out.println("BrowserIT steps: " + report.get("steps"));
        }
    }

    // ---- what is true today --------------------------------------------------------------------------

    @Test
    void theNotebookOpensWithTheReflowKernelAndRunAllRunsEveryCellOnceInOrder() {
        assertEquals(0, report.get("pageErrors").size(), "uncaught errors in the page: " + report.get("pageErrors"));
        for (String id : cellIds) {
            JsonNode opened = cell("opened", id);
            if (opened.get("type").asText().equals("code")) {
                assertEquals("[ ]:", opened.get("prompt").asText(), "not run yet: " + id);
                assertEquals(0, opened.get("outputs").size(), "no outputs before running: " + id);
            }
        }
        JsonNode intro = cell("after-run-all", "intro");
        assertTrue(intro.get("renderedMarkdown").asText().contains("<h1"), "markdown cell not rendered: " + intro);
        List<String> prompts = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String id : cellIds) {
            if (!id.equals("intro")) {
                prompts.add(cell("after-run-all", id).get("prompt").asText());
                expected.add("[" + (expected.size() + 1) + "]:");
            }
        }
        assertEquals(expected, prompts, "each code cell runs once, in order");
        assertContains(outputText("after-run-all", "square"), "square = 9");
        assertContains(outputText("after-run-all", "value"), "10");
        assertContains(outputText("after-run-all", "error"), "n must not be positive, was 3");
    }

    @Test
    void runningTheEditedCellAloneReplacesEveryDownstreamOutputInPlace() {
        JsonNode edited = cell("after-edit", EDITED_CELL);
        assertEquals(EDITED_SOURCE, edited.get("source").asText().strip(), "the typed edit is in the cell");
        assertEquals("[8]:", edited.get("prompt").asText(), "the edited cell ran as request 8");
        for (String id : DOWNSTREAM) {
            // Re-run by the kernel, not by JupyterLab: the prompt keeps the Run All execution count.
            assertEquals(cell("after-run-all", id).get("prompt"), cell("after-edit", id).get("prompt"), id);
        }
        String square = outputText("after-edit", "square");
        assertEquals(1, occurrences(square, "square = 25"), "new output once, in the cell: " + square);
        assertFalse(square.contains("square = 9"), "old output still shown: " + square);
        String value = outputText("after-edit", "value");
        assertTrue(Pattern.compile("\\b26\\b").matcher(value).find() && !Pattern.compile("\\b10\\b").matcher(value).find(),
                "value cell should show 26 instead of 10: " + value);
        String heading = outputText("after-edit", "heading");
        assertTrue(heading.contains("Heading 5") && !heading.contains("Heading 3"), heading);
        String error = outputText("after-edit", "error");
        assertTrue(error.contains("was 5") && !error.contains("was 3"), error);
    }

    @Test
    void theImageIsShownAndRedrawnInPlace() {
        assertEquals(List.of("60x30"), shownImages("after-run-all", "image"), "a 60x30 PNG (n = 3) on the page");
        assertEquals(List.of("100x30"), shownImages("after-edit", "image"), "redrawn 100x30 (n = 5) in its own cell");
        for (String id : cellIds) {
            if (!id.equals("image")) {
                assertEquals(List.of(), shownImages("after-edit", id), "an image repeated in cell " + id);
            }
        }
    }

    @Test
    void theSavedNotebookHoldsTheReRunOutputs() throws IOException {
        JsonNode n = savedCell(savedFile, EDITED_CELL);
        assertEquals(EDITED_SOURCE, sourceOf(n));
        assertEquals(8, n.get("execution_count").asInt());
        String square = savedText(savedCell(savedFile, "square"));
        assertTrue(square.contains("square = 25") && !square.contains("square = 9"), square);
        List<String> pngs = new ArrayList<>();
        for (JsonNode output : savedCell(savedFile, "image").get("outputs")) {
            JsonNode png = output.path("data").path("image/png");
            if (png.isTextual()) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                        Base64.getMimeDecoder().decode(png.asText())));
                pngs.add(image.getWidth() + "x" + image.getHeight());
            }
        }
        assertEquals(List.of("100x30"), pngs, "the saved image is the redrawn one");
        assertContains(savedText(savedCell(savedFile, "error")), "was 5");
    }

    @Test
    void afterAPageReloadTheCellYouRunShowsWhatItsDependentsPrintNow() {
        // The reloaded page shows the saved notebook and reconnects to the same kernel.
        assertEquals("[8]:", cell("reloaded", EDITED_CELL).get("prompt").asText());
        assertContains(outputText("reloaded", "square"), "square = 25");
        // Outputs on a reloaded page no longer listen for the kernel's display ids, so the re-run
        // outputs must reach the user through the cell that was run.
        JsonNode edited = cell("after-reload-edit", EDITED_CELL);
        assertEquals(EDITED_AFTER_RELOAD, edited.get("source").asText().strip());
        assertEquals("[9]:", edited.get("prompt").asText());
        String shown = outputText("after-reload-edit", EDITED_CELL) + outputText("after-reload-edit", "square");
        assertContains(shown, "square = 49");
        assertEquals(0, report.get("pageErrors").size(), "uncaught errors in the page: " + report.get("pageErrors"));
    }

    // ---- outputs as a JupyterLab user coming from ipykernel expects them (issue #9) --------------------

    @Test
    void noOutputRowIsBlank() {
        for (String snapshot : List.of("after-run-all", "after-edit")) {
            for (String id : cellIds) {
                for (JsonNode row : outputs(snapshot, id)) {
                    boolean shows = !row.get("text").asText().isBlank() || row.get("images").size() > 0
                            || row.get("tables").size() > 0 || row.get("html").asText().contains("<svg");
                    assertTrue(shows, "a blank output row in cell " + id + " (" + snapshot + "): " + row);
                }
            }
        }
        assertEquals(List.of(), outputs("after-run-all", EDITED_CELL), "a declaration shows nothing: no output row");
    }

    @Test
    void aMarkdownValueIsRendered() {
        for (var expected : Map.of("after-run-all", "Heading 3", "after-edit", "Heading 5").entrySet()) {
            List<JsonNode> rows = outputs(expected.getKey(), "heading");
            assertTrue(rows.stream().anyMatch(row -> row.get("headings").toString().contains(
                    "{\"tag\":\"h2\",\"text\":\"" + expected.getValue() + "\"}")
                    && row.get("html").asText().contains("<em>emphasis</em>")),
                    "markdown(...) should render as a heading and emphasis (" + expected.getKey() + "): " + rows);
            assertFalse(outputText(expected.getKey(), "heading").contains("## "), "raw markdown shown: " + rows);
        }
    }

    @Test
    void anExceptionIsStyledAsAnError() {
        List<JsonNode> rows = outputs("after-run-all", "error");
        assertTrue(rows.stream().anyMatch(row ->
                        (row.get("childClasses").toString().contains("jp-OutputArea-error")
                                || "application/vnd.jupyter.stderr".equals(row.get("mimeType").asText()))
                                && row.get("text").asText().contains("IllegalStateException")
                                && row.get("text").asText().contains("n must not be positive, was 3")),
                "the exception should be an error output (stderr styling): " + rows);
    }

    @Test
    void aValueShowsWithItsExecutionPrompt() {
        List<JsonNode> rows = outputs("after-run-all", "value");
        assertTrue(rows.stream().anyMatch(row -> row.get("childClasses").toString().contains("jp-OutputArea-executeResult")
                        && row.get("prompt").asText().equals("[3]:") && row.get("text").asText().strip().equals("10")),
                "`square + 1` should show 10 as an execute_result with the [3]: prompt: " + rows);
    }

    @Test
    void aListOfRecordsIsRenderedAsATable() {
        assertTable("after-run-all", List.of(List.of("1", "3"), List.of("2", "9")));
        assertTable("after-edit", List.of(List.of("1", "5"), List.of("2", "25")));
    }

    @Test
    void theSavedNotebookHasTheOutputTypesOfANonReactiveKernel() {
        // As saved right after Run All, before any re-run had to update outputs in place.
        JsonNode notebook = report.get("saved").get("after-run-all");
        assertEquals(List.of(), outputTypes(savedCell(notebook, EDITED_CELL)), "a declaration saves no output");
        assertEquals(List.of("stream"), outputTypes(savedCell(notebook, "square")), "println is a stream");
        JsonNode value = savedCell(notebook, "value").get("outputs");
        assertTrue(value.size() == 1 && value.get(0).get("output_type").asText().equals("execute_result")
                && value.get(0).get("execution_count").asInt() == 3, "value: " + value);
        JsonNode error = savedCell(notebook, "error").get("outputs");
        assertTrue(error.size() == 1 && error.get(0).get("output_type").asText().equals("error")
                && error.get(0).get("ename").asText().contains("IllegalStateException")
                && error.get(0).get("evalue").asText().contains("was 3"), "error: " + error);
        JsonNode heading = savedCell(notebook, "heading").get("outputs");
        assertTrue(heading.size() == 1 && heading.get(0).path("data").has("text/markdown"), "markdown: " + heading);
    }

    @Test
    void theCellThatTriggeredReRunsReportsThemWithoutCopyingTheirOutputs() {
        String report = outputText("after-edit", EDITED_CELL);
        for (int count = 2; count <= 7; count++) {
            assertContains(report, "[" + count + "]");
        }
        assertTrue(report.toLowerCase(java.util.Locale.ROOT).contains("fail"), "which cell failed: " + report);
        assertFalse(report.contains("square = 25"), "a copy of cell [2]'s output: " + report);
        for (JsonNode row : outputs("after-edit", EDITED_CELL)) {
            assertTrue(row.get("images").isEmpty() && row.get("headings").isEmpty(), "a copy of an output: " + row);
        }
    }

    private static void assertTable(String snapshot, List<List<String>> rows) {
        List<JsonNode> outputs = outputs(snapshot, "table");
        for (JsonNode output : outputs) {
            for (JsonNode table : output.get("tables")) {
                String headers = table.get("headers").toString();
                List<List<String>> lastTwoColumns = new ArrayList<>();
                for (JsonNode row : table.get("rows")) {
                    List<String> cells = new ArrayList<>();
                    row.forEach(cell -> cells.add(cell.asText()));
                    lastTwoColumns.add(cells.subList(Math.max(0, cells.size() - 2), cells.size()));
                }
                if (headers.contains("\"x\"") && headers.contains("\"y\"") && lastTwoColumns.equals(rows)) return;
            }
        }
        throw new AssertionError("expected a table with columns x, y and rows " + rows + " (" + snapshot + "): " + outputs);
    }

    private static List<String> outputTypes(JsonNode cell) {
        List<String> types = new ArrayList<>();
        cell.get("outputs").forEach(output -> types.add(output.get("output_type").asText()));
        return types;
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static int codeCellIndex(String id) throws IOException {
        int index = 0;
        for (JsonNode cell : JSON.readTree(NOTEBOOK.toFile()).get("cells")) {
            if (cell.get("id").asText().equals(id)) return index;
            if (cell.get("cell_type").asText().equals("code")) index++;
        }
        throw new IllegalArgumentException("no cell " + id);
    }

    /** The DOM record of a cell in a snapshot (opened, after-run-all, after-edit). */
    static JsonNode cell(String snapshot, String id) {
        JsonNode cells = report.get("snapshots").get(snapshot);
        assertEquals(cellIds.size(), cells.size(), "cells on the page in " + snapshot);
        return cells.get(cellIds.indexOf(id));
    }

    static List<JsonNode> outputs(String snapshot, String id) {
        List<JsonNode> rows = new ArrayList<>();
        cell(snapshot, id).get("outputs").forEach(rows::add);
        return rows;
    }

    /** All text the cell's output rows show, one row per line. */
    static String outputText(String snapshot, String id) {
        StringBuilder text = new StringBuilder();
        for (JsonNode row : outputs(snapshot, id)) {
            text.append(row.get("text").asText()).append('\n');
        }
        return text.toString();
    }

    /** The images the cell shows, as natural size; each must be decoded and shown at a visible width. */
    static List<String> shownImages(String snapshot, String id) {
        List<String> sizes = new ArrayList<>();
        for (JsonNode row : outputs(snapshot, id)) {
            for (JsonNode image : row.get("images")) {
                assertTrue(image.get("complete").asBoolean() && image.get("shownWidth").asInt() > 0,
                        "image not displayed in " + id + ": " + image);
                sizes.add(image.get("naturalWidth").asInt() + "x" + image.get("naturalHeight").asInt());
            }
        }
        return sizes;
    }

    static JsonNode savedCell(JsonNode notebook, String id) {
        for (JsonNode cell : notebook.get("cells")) {
            if (cell.get("id").asText().equals(id)) return cell;
        }
        throw new AssertionError("the saved notebook lost cell " + id + ": " + notebook);
    }

    static String sourceOf(JsonNode cell) {
        JsonNode source = cell.get("source");
        if (source.isTextual()) return source.asText();
        StringBuilder text = new StringBuilder();
        source.forEach(line -> text.append(line.asText()));
        return text.toString();
    }

    /** Every text a saved cell's outputs carry: stream text, text/plain, error name/value/traceback. */
    static String savedText(JsonNode cell) {
        StringBuilder text = new StringBuilder();
        for (JsonNode output : cell.get("outputs")) {
            for (String field : List.of("text", "ename", "evalue", "traceback")) {
                appendText(text, output.path(field));
            }
            appendText(text, output.path("data").path("text/plain"));
        }
        return text.toString();
    }

    private static void appendText(StringBuilder text, JsonNode value) {
        if (value.isArray()) {
            value.forEach(part -> text.append(part.asText()).append(part.asText().endsWith("\n") ? "" : "\n"));
        } else if (value.isTextual()) {
            text.append(value.asText()).append('\n');
        }
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) count++;
        return count;
    }

    static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected \"" + part + "\" in:\n" + text);
    }

    /**
     * Debian's jupyter_server with only the reflow_browser_ui extension ({@code src/test/browser/server}),
     * on a free loopback port, serving {@code root} and seeing only the sandbox's kernelspecs. Closing it
     * asks the server to shut down (kernels included) through its API.
     */
    static final class NotebookServer implements AutoCloseable {
        final String token;
        final Path log;
        private final int port;
        private final Process process;

        private NotebookServer(String token, int port, Process process, Path log) {
            this.token = token;
            this.port = port;
            this.process = process;
            this.log = log;
        }

        static NotebookServer start(JupyterSandbox sandbox, Path bundle, Path root) throws IOException {
            return start(sandbox, bundle, root, OUT.resolve("server.log"));
        }

        static NotebookServer start(JupyterSandbox sandbox, Path bundle, Path root, Path log) throws IOException {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            String token = UUID.randomUUID().toString();
            ProcessBuilder builder = new ProcessBuilder(JupyterSandbox.PYTHON,
                    BrowserUi.SOURCES.resolve("server").resolve("serve.py").toString(),
                    "--ServerApp.ip=127.0.0.1", "--ServerApp.port=" + port, "--ServerApp.port_retries=0",
                    "--ServerApp.root_dir=" + root, "--ServerApp.allow_root=True",
                    "--ServerApp.open_browser=False")
                    .directory(root.toFile())
                    .redirectErrorStream(true);
            builder.environment().putAll(sandbox.jupyterEnvironment());
            builder.environment().put("REFLOW_BROWSER_BUNDLE", bundle.toString());
            // The token goes through the environment: command lines are visible to every local user.
            builder.environment().put("JUPYTER_TOKEN", token);
            Process process = builder.start();
            process.getOutputStream().close();
            NotebookServer server = new NotebookServer(token, port, process, log);
            server.awaitListening();
            return server;
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + "/" + path;
        }

        /** Copies the server's log to {@link #log}; done when it says it is listening, or it exits. */
        private void awaitListening() throws IOException {
            CompletableFuture<Void> listening = new CompletableFuture<>();
            PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true);
            Thread copier = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        out.println(line);
                        if (line.contains("is running at")) listening.complete(null);
                    }
                } catch (IOException e) {
                    out.println("<log copy failed: " + e + ">");
                } finally {
                    out.close();
                    listening.completeExceptionally(new IllegalStateException("jupyter_server exited"));
                }
            }, "jupyter-server-log");
            copier.setDaemon(true);
            copier.start();
            try {
                listening.get(2, TimeUnit.MINUTES);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                close();
                throw new AssertionError("jupyter_server did not start (" + e + "):\n" + Files.readString(log), e);
            }
        }

        @Override
        public void close() {
            try {
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("api/shutdown")))
                        .header("Authorization", "token " + token)
                        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (process.waitFor(30, TimeUnit.SECONDS)) return;
            } catch (IOException e) {
                // not answering: ended below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
