package reflow.kernel;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * A test class whose tests share one real kernel process, a client on real sockets and a JupyterLab-shaped
 * frontend; each test uses its own cell ids and names. Subclasses pick the kernel's arguments (the mode).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedKernelTest {
    KernelProcess kernel;
    KernelClient client;
    NotebookFrontend lab;

    /** Extra kernel arguments, e.g. {@code --mode strict}; none: relaxed mode. */
    String[] kernelArgs() {
        return new String[0];
    }

    @BeforeAll
    void startKernel() throws Exception {
        kernel = KernelProcess.builder("reflow.kernel.Main").args(kernelArgs()).start();
        client = kernel.connect(Duration.ofSeconds(30));
        lab = new NotebookFrontend(client);
    }

    @AfterAll
    void stopKernel() {
        if (client != null) client.close();
        if (kernel != null) kernel.close();
    }
}
