package reflow.kernel.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JupyterPythonTest {

    @Test
    void theJupyterScriptNamesItsInterpreter(@TempDir Path bin) throws IOException {
        Files.writeString(bin.resolve("jupyter"), "#!/opt/venv/bin/python3.12\nimport sys\n");
        assertEquals(Optional.of("/opt/venv/bin/python3.12"), JupyterPython.interpreterOfJupyterScript(bin.toString()));

        Files.writeString(bin.resolve("jupyter"), "#!/usr/bin/env python3\n");
        assertEquals(Optional.of("python3"), JupyterPython.interpreterOfJupyterScript(bin.toString()));
    }

    @Test
    void reflowPythonIsTriedFirstThenJupytersThenThePathOnes(@TempDir Path bin) throws IOException {
        Files.writeString(bin.resolve("jupyter"), "#!/usr/bin/python3\n");
        assertEquals(List.of("/my/python", "/usr/bin/python3", "python3", "python"),
                JupyterPython.candidates(Map.of("REFLOW_PYTHON", "/my/python", "PATH", bin.toString())));
        assertEquals(List.of("python3", "python"), JupyterPython.candidates(Map.of()));
    }
}
