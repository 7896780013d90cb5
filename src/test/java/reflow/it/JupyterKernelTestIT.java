package reflow.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs jupyter_kernel_test's conformance suite (src/test/python/test_reflow_kernel.py) against both
 * kernelspecs through a real jupyter_client. Every feature of the suite is configured, so a skipped
 * test means a feature went untested and fails this test too.
 */
class JupyterKernelTestIT {
    // Two kernels, about fifteen tests each, every request with jupyter_kernel_test's own 15 s timeout.
    private static final Duration TIMEOUT = Duration.ofMinutes(6);

    @Test
    void kernelPassesEveryJupyterKernelTestWithoutSkips() throws IOException {
        try (JupyterSandbox sandbox = JupyterSandbox.withReflowInstalled()) {
            ProcessResult run = sandbox.python(JupyterSandbox.PYTHON_TESTS, TIMEOUT,
                    "-m", "unittest", "-v", "test_reflow_kernel");
            // unittest reports on stderr: one line per test, then the summary.
            System.out.println(run.stderr());

            assertTrue(run.succeeded(), "jupyter_kernel_test failed:\n" + run.describe());
            Matcher ran = Pattern.compile("Ran (\\d+) tests?").matcher(run.stderr());
            assertTrue(ran.find() && Integer.parseInt(ran.group(1)) >= 2 * 14,
                    "expected the whole suite for both kernelspecs:\n" + run.describe());
            assertFalse(run.stderr().contains("skipped"), "a kernel test was skipped:\n" + run.describe());
            assertTrue(run.stderr().contains("\nOK"), run.describe());
        }
    }
}
