package reflow.it;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's main job: notebooks/demo.ipynb run as JupyterLab runs it (scripts/run_notebook.py sends cell
 * ids, then edits `n` and re-runs only that cell), and the same notebook through nbconvert.
 */
class DemoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    @RegisterExtension
    static final InstalledReflow installed = new InstalledReflow();

    @Test
    void editingNRerunsItsDependentsInOrderAndUpdatesThemInPlace() throws IOException {
        Path output = installed.sandbox().root.resolve("demo.reactive.ipynb");
        ProcessResult run = installed.sandbox().python(JupyterSandbox.BASEDIR, TIMEOUT,
                JupyterSandbox.BASEDIR.resolve("scripts/run_notebook.py").toString(),
                JupyterSandbox.BASEDIR.resolve("notebooks/demo.ipynb").toString(), output.toString());
        assertTrue(run.succeeded(), run.describe());
        String transcript = run.stdout();
        String edit = transcript.substring(transcript.indexOf("== Editing"), transcript.indexOf("== Final outputs"));
        int squares = edit.indexOf("re-ran [2] long[] squares"), total = edit.indexOf("re-ran [3] long total");
        int describe = edit.indexOf("re-ran [5] describe(total)");
        assertTrue(squares >= 0 && squares < total && total < describe, "dependency order:\n" + edit);
        assertTrue(edit.contains("sum of the first 20 squares = 2870") && edit.contains("big (2870)"), edit);
        assertFalse(edit.contains("record Point"), "cells that do not depend on n do not re-run:\n" + edit);
        assertTrue(edit.contains("XYChart squaresChart"), "the chart from a %maven library re-runs too:\n" + edit);
        assertTrue(edit.contains("BufferedImage powers"), "the chart the slider drives also uses n:\n" + edit);
        assertFalse(edit.contains("var power = slider"), "the slider's own cell does not re-run:\n" + edit);

        JsonNode notebook = JSON.readTree(output.toFile());
        assertTrue(outputText(notebook, "total").contains("sum of the first 20 squares = 2870"),
                "updated in place: " + outputText(notebook, "total"));
        assertTrue(outputText(notebook, "describe-total").contains("big (2870)"), outputText(notebook, "describe-total"));
        assertTrue(outputText(notebook, "relaxed-read").contains("[ada, alan, grace]"), "relaxed lets it leak");
        assertTrue(outputText(notebook, "maven-xchart").contains("Added"), outputText(notebook, "maven-xchart"));
        assertTrue(hasImage(notebook, "xchart"), "the XChart cell shows a PNG");
        assertTrue(outputText(notebook, "strict-read").contains("[ada, alan]")
                && !outputText(notebook, "strict-read").contains("grace"), "strict contains it");
    }

    @Test
    void nbconvertRunsTheDemoLikeANonReactiveKernel() throws IOException {
        Path outputDir = installed.sandbox().root.resolve("nbconvert");
        ProcessResult run = installed.sandbox().python(installed.sandbox().root, TIMEOUT, "-m", "nbconvert", "--to", "notebook", "--execute",
                "--output-dir", outputDir.toString(), "--output", "demo.executed.ipynb",
                JupyterSandbox.BASEDIR.resolve("notebooks/demo.ipynb").toString());
        assertTrue(run.succeeded(), run.describe());
        JsonNode notebook = JSON.readTree(outputDir.resolve("demo.executed.ipynb").toFile());
        assertTrue(outputText(notebook, "total").contains("sum of the first 10 squares = 385"), outputText(notebook, "total"));
        assertEquals("small (385)", outputText(notebook, "describe-total").strip());
        assertTrue(outputText(notebook, "strict-read").contains("[ada, alan]"));
        assertTrue(hasImage(notebook, "xchart"), "the XChart cell shows a PNG without reactivity too");
        assertTrue(outputText(notebook, "power-slider").contains("IntSlider(value=2"),
                "without a widget frontend the slider shows as text: " + outputText(notebook, "power-slider"));
        assertTrue(hasImage(notebook, "power-chart"), "the chart that reads the slider is drawn");
        for (JsonNode cell : notebook.path("cells")) {
            for (JsonNode out : cell.path("outputs")) {
                assertNotEquals("error", out.path("output_type").asText(), cell.path("id") + ": " + out);
                assertTrue(out.path("transient").isMissingNode(), "no display ids without cell ids");
            }
        }
    }

    private static boolean hasImage(JsonNode notebook, String cellId) {
        for (JsonNode cell : notebook.path("cells")) {
            if (cell.path("id").asText().equals(cellId)) {
                for (JsonNode out : cell.path("outputs")) {
                    if (out.path("data").has("image/png")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Text of a cell's outputs: stream text and text/plain of results and displays. */
    private static String outputText(JsonNode notebook, String cellId) {
        StringBuilder text = new StringBuilder();
        for (JsonNode cell : notebook.path("cells")) {
            if (!cell.path("id").asText().equals(cellId)) continue;
            for (JsonNode out : cell.path("outputs")) {
                JsonNode t = out.has("text") ? out.get("text") : out.path("data").path("text/plain");
                if (t.isArray()) t.forEach(line -> text.append(line.asText()));
                else text.append(t.asText());
                text.append('\n');
            }
        }
        return text.toString();
    }
}
