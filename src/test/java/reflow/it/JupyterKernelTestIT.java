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
    // Two kernels, a dozen tests each, every request with jupyter_kernel_test's own 15 s timeout.
    private static final Duration TIMEOUT = Duration.ofMinutes(6);
    // jupyter_kernel_test 0.4.5 has 11 tests (test_pager is left out), plus test_is_complete_suggests_indent.
    private static final int TESTS_PER_KERNELSPEC = 12;

    @Test
    void kernelPassesEveryJupyterKernelTestWithoutSkips() throws IOException {
        try (JupyterSandbox sandbox = JupyterSandbox.withReflowInstalled()) {
            ProcessResult run = sandbox.python(JupyterSandbox.PYTHON_TESTS, TIMEOUT,
                    "-m", "unittest", "-v", "test_reflow_kernel");
            // unittest reports on stderr, mixed with the kernels' own logging: show its per-test lines.
            run.stderr().lines()
                    .filter(line -> line.matches("\\s*test_\\w+ \\(.*|Ran \\d+ tests?.*|OK.*|FAILED.*"))
                    .forEach(System.out::println);

            assertTrue(run.succeeded(), "jupyter_kernel_test failed:\n" + run.describe());
            Matcher ran = Pattern.compile("Ran (\\d+) tests?").matcher(run.stderr());
            assertTrue(ran.find() && Integer.parseInt(ran.group(1)) >= 2 * TESTS_PER_KERNELSPEC,
                    "expected the whole suite for both kernelspecs:\n" + run.describe());
            // unittest marks a skipped test or subtest "skipped 'reason'" and counts them as "(skipped=N)".
            assertFalse(Pattern.compile("skipped '|skipped=").matcher(run.stderr()).find(),
                    "a kernel test was skipped:\n" + run.describe());
            assertTrue(run.stderr().contains("\nOK"), run.describe());
        }
    }
}
