package reflow.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The path JupyterLab takes: a real jupyter_server starts the kernel and bridges its websocket to ZeroMQ
 * (kernel_info "nudge" on shell and control included); execute requests carry metadata.cellId as
 * JupyterLab's CodeCell.execute sends them (src/test/python/server_session.py). Re-running the first cell
 * must update the two downstream cells' outputs in place before the request goes idle.
 */
class JupyterServerIT {
    private static JupyterSandbox sandbox;

    @BeforeAll
    static void install() throws IOException {
        sandbox = JupyterSandbox.withReflowInstalled();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (sandbox != null) sandbox.close();
    }

    @Test
    void jupyterLabStyleTrafficThroughJupyterServerUpdatesDownstreamCellsInPlace() {
        ProcessResult run = sandbox.python(sandbox.root, Duration.ofMinutes(5),
                JupyterSandbox.PYTHON_TESTS.resolve("server_session.py").toString());
        assertTrue(run.succeeded() && run.stdout().contains("PASS"), run.describe());
        assertTrue(run.stdout().contains("square + 1 = 10"), run.describe());
    }
}
