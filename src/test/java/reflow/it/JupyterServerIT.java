package reflow.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The path JupyterLab takes: a real jupyter_server starts the kernel and bridges its websocket to ZeroMQ
 * (kernel_info "nudge" on shell and control included); execute requests carry metadata.cellId as
 * JupyterLab's CodeCell.execute sends them (src/test/python/server_session.py). Re-running the first cell
 * must update the two downstream cells' outputs in place before the request goes idle.
 */
class JupyterServerIT {
    @RegisterExtension
    static final InstalledReflow installed = new InstalledReflow();

    @Test
    void jupyterLabStyleTrafficThroughJupyterServerUpdatesDownstreamCellsInPlace() {
        ProcessResult run = installed.sandbox().python(installed.sandbox().root, Duration.ofMinutes(5),
                JupyterSandbox.PYTHON_TESTS.resolve("server_session.py").toString());
        assertTrue(run.succeeded() && run.stdout().contains("PASS"), run.describe());
        assertTrue(run.stdout().contains("square + 1 = 10"), run.describe());
    }
}
