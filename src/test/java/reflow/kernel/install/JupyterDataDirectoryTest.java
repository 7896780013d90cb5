package reflow.kernel.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JupyterDataDirectoryTest {
    private static final Path HOME = Path.of("/home/ada");

    @Test
    void jupyterDataDirWinsEverywhere() {
        assertEquals(Path.of("/data/jupyter"),
                JupyterDataDirectory.forUser(Map.of("JUPYTER_DATA_DIR", "/data/jupyter"), "Mac OS X", HOME));
    }

    @Test
    void platformDefaultsMatchJupyterCore() {
        assertEquals(HOME.resolve(".local/share/jupyter"), JupyterDataDirectory.forUser(Map.of(), "Linux", HOME));
        assertEquals(Path.of("/xdg/jupyter"), JupyterDataDirectory.forUser(Map.of("XDG_DATA_HOME", "/xdg"), "Linux", HOME));
        assertEquals(HOME.resolve("Library/Jupyter"), JupyterDataDirectory.forUser(Map.of(), "Mac OS X", HOME));
        assertEquals(Path.of("C:/Users/ada/AppData/Roaming", "jupyter"),
                JupyterDataDirectory.forUser(Map.of("APPDATA", "C:/Users/ada/AppData/Roaming"), "Windows 11", HOME));
    }

    @Test
    void prefixKernelsLiveUnderShareJupyter() {
        assertEquals(Path.of("/opt/env/share/jupyter/kernels"),
                JupyterDataDirectory.kernelsIn(JupyterDataDirectory.forPrefix(Path.of("/opt/env"))));
    }
}
