package reflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Executes notebooks headless with {@code jupyter nbconvert --execute} and checks what a reader would see. */
class NbconvertIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    static final InstalledReflow installed = new InstalledReflow();

    @Test
    void javaBasicsNotebookRunsEndToEnd() throws IOException {
        Path source = JupyterSandbox.BASEDIR.resolve("notebooks").resolve("java-basics.ipynb");
        ExecutedNotebook notebook = execute(source, false);
        assertTrue(notebook.run.succeeded(), notebook.run.describe());

        assertEquals("42", notebook.resultText("answer"), notebook.describe("answer"));
        assertTrue(notebook.streamText("greeting", "stdout").contains("Hello from Reflow, base is 20"),
                notebook.describe("greeting"));
        assertEquals("3628800", notebook.resultText("method-call"), notebook.describe("method-call"));
        assertEquals("Point[x=3, y=4]", notebook.resultText("record"), notebook.describe("record"));
        assertEquals("5.0", notebook.resultText("record-use"), notebook.describe("record-use"));
        assertEquals("1 squared is 1\n2 squared is 4\n3 squared is 9\n", notebook.streamText("loop", "stdout"),
                notebook.describe("loop"));

        JsonNode png = notebook.outputs("image").stream()
                .filter(output -> output.path("output_type").asText().equals("display_data"))
                .map(output -> output.path("data").path("image/png"))
                .filter(JsonNode::isTextual)
                .findFirst().orElse(null);
        assertNotNull(png, "the image cell should display a PNG\n" + notebook.describe("image"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getMimeDecoder().decode(png.asText())));
        assertNotNull(image, "image/png output is not a PNG");
        assertEquals(160, image.getWidth());
        assertEquals(80, image.getHeight());
    }

    @Test
    void exceptionInACellBecomesAnErrorOutputAndLaterCellsStillRunWithAllowErrors() throws IOException {
        Path source = writeNotebook("failing.ipynb",
                "int before = 1;",
                "throw new IllegalStateException(\"boom in the second cell\");",
                "System.out.println(\"after the error, before = \" + before);");

        ExecutedNotebook notebook = execute(source, true);

        assertTrue(notebook.run.succeeded(), notebook.run.describe());
        JsonNode error = notebook.outputs("cell-2").stream()
                .filter(output -> output.path("output_type").asText().equals("error"))
                .findFirst().orElse(null);
        assertNotNull(error, "expected an error output\n" + notebook.describe("cell-2"));
        assertTrue(error.path("ename").asText().contains("IllegalStateException"), notebook.describe("cell-2"));
        assertTrue(error.path("evalue").asText().contains("boom in the second cell"), notebook.describe("cell-2"));
        assertTrue(error.path("traceback").isArray() && !error.path("traceback").isEmpty(), notebook.describe("cell-2"));
        assertTrue(notebook.streamText("cell-3", "stdout").contains("after the error, before = 1"),
                notebook.describe("cell-3"));
    }

    @Test
    void withoutAllowErrorsNbconvertStopsAndReportsTheException() throws IOException {
        Path source = writeNotebook("stopping.ipynb",
                "throw new IllegalStateException(\"stop here\");",
                "System.out.println(\"never printed\");");

        ExecutedNotebook notebook = execute(source, false);

        assertFalse(notebook.run.succeeded(), notebook.run.describe());
        String everything = notebook.run.stdout() + notebook.run.stderr();
        assertTrue(everything.contains("IllegalStateException") && everything.contains("stop here"), notebook.run.describe());
    }

    /**
     * The same notebook run as JupyterLab runs it (cell ids; scripts/run_notebook.py applies messages as
     * JupyterLab does and saves it, including the demo's edit and its in-place re-runs) and through nbconvert
     * (no cell ids) has the same kinds of outputs in every cell: streams, execute_result, display_data, error.
     * The one intended difference: the cell whose edit triggered re-runs also shows the re-run report.
     */
    @Test
    void aTrackedThenSavedNotebookHasTheOutputTypesOfAnNbconvertRun() throws IOException {
        for (String name : List.of("java-basics.ipynb", "demo.ipynb")) {
            Path source = JupyterSandbox.BASEDIR.resolve("notebooks").resolve(name);
            ExecutedNotebook converted = execute(source, false);
            assertTrue(converted.run.succeeded(), converted.run.describe());
            Path tracked = installed.sandbox().root.resolve(name.replace(".ipynb", ".tracked.ipynb"));
            ProcessResult run = installed.sandbox().python(JupyterSandbox.BASEDIR, TIMEOUT,
                    JupyterSandbox.BASEDIR.resolve("scripts/run_notebook.py").toString(), source.toString(), tracked.toString());
            assertTrue(run.succeeded(), run.describe());
            JsonNode saved = JSON.readTree(tracked.toFile());
            int compared = 0;
            for (JsonNode cell : saved.path("cells")) {
                if (!cell.path("cell_type").asText().equals("code")
                        || cell.path("metadata").path("reflow_demo").has("edit_to")) {
                    continue;
                }
                String id = cell.path("id").asText();
                assertEquals(outputTypes(converted.cell(id)), outputTypes(cell),
                        name + " cell " + id + ": tracked " + cell.path("outputs") + "\nnbconvert " + converted.describe(id));
                compared++;
            }
            assertTrue(compared > 5, name + ": compared " + compared + " cells");
        }
    }

    /** A cell's output types in order, consecutive streams of one name counted once (frontends merge them). */
    private static List<String> outputTypes(JsonNode cell) {
        List<String> types = new ArrayList<>();
        for (JsonNode out : cell.path("outputs")) {
            String type = out.path("output_type").asText();
            String kind = type.equals("stream") ? "stream:" + out.path("name").asText() : type;
            if (types.isEmpty() || !types.get(types.size() - 1).equals(kind) || !type.equals("stream")) {
                types.add(kind);
            }
        }
        return types;
    }

    private static ExecutedNotebook execute(Path source, boolean allowErrors) throws IOException {
        Path outputDir = Files.createDirectories(installed.sandbox().root.resolve("executed"));
        String outputName = source.getFileName().toString().replace(".ipynb", ".executed.ipynb");
        List<String> args = new ArrayList<>(List.of("-m", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=120", "--output-dir", outputDir.toString(), "--output", outputName));
        if (allowErrors) {
            args.add("--allow-errors");
        }
        args.add(source.toString());
        ProcessResult run = installed.sandbox().python(installed.sandbox().root, TIMEOUT, args.toArray(String[]::new));
        Path executed = outputDir.resolve(outputName);
        JsonNode notebook = Files.exists(executed) ? JSON.readTree(executed.toFile()) : JSON.createObjectNode();
        return new ExecutedNotebook(run, notebook);
    }

    /** A notebook for the reflow kernelspec whose code cells have ids cell-1, cell-2, ... */
    private static Path writeNotebook(String fileName, String... cellSources) throws IOException {
        ObjectNode notebook = JSON.createObjectNode();
        ArrayNode cells = notebook.putArray("cells");
        for (int i = 0; i < cellSources.length; i++) {
            ObjectNode cell = cells.addObject();
            cell.put("cell_type", "code").put("id", "cell-" + (i + 1)).putNull("execution_count");
            cell.putObject("metadata");
            cell.putArray("outputs");
            cell.put("source", cellSources[i]);
        }
        ObjectNode metadata = notebook.putObject("metadata");
        metadata.putObject("kernelspec").put("name", "reflow").put("display_name", "Java (Reflow)").put("language", "java");
        notebook.put("nbformat", 4).put("nbformat_minor", 5);
        Path path = installed.sandbox().root.resolve(fileName);
        JSON.writeValue(path.toFile(), notebook);
        return path;
    }

    /** The executed notebook's cells, found by id. */
    private record ExecutedNotebook(ProcessResult run, JsonNode notebook) {
        List<JsonNode> outputs(String cellId) {
            List<JsonNode> outputs = new ArrayList<>();
            cell(cellId).path("outputs").forEach(outputs::add);
            return outputs;
        }

        String resultText(String cellId) {
            return outputs(cellId).stream()
                    .filter(output -> output.path("output_type").asText().equals("execute_result"))
                    .map(output -> text(output.path("data").path("text/plain")))
                    .findFirst().orElse(null);
        }

        String streamText(String cellId, String streamName) {
            StringBuilder text = new StringBuilder();
            outputs(cellId).stream()
                    .filter(output -> output.path("output_type").asText().equals("stream"))
                    .filter(output -> output.path("name").asText().equals(streamName))
                    .forEach(output -> text.append(text(output.path("text"))));
            return text.toString();
        }

        String describe(String cellId) {
            return "cell " + cellId + " outputs: " + cell(cellId).path("outputs").toPrettyString()
                    + "\n" + run.describe();
        }

        private JsonNode cell(String cellId) {
            for (JsonNode cell : notebook.path("cells")) {
                if (cell.path("id").asText().equals(cellId)) {
                    return cell;
                }
            }
            return JSON.createObjectNode();
        }

        /** nbformat stores multi-line text either as one string or as a list of lines. */
        private static String text(JsonNode multiline) {
            if (!multiline.isArray()) {
                return multiline.asText();
            }
            StringBuilder joined = new StringBuilder();
            multiline.forEach(line -> joined.append(line.asText()));
            return joined.toString();
        }
    }
}
