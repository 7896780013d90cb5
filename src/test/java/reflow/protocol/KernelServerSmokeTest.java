package reflow.protocol;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

class KernelServerSmokeTest {
    @Test
    void echoes() throws Exception {
        try (KernelProcess kernel = KernelProcess.start("reflow.testing.EchoKernel");
             KernelClient client = kernel.connect()) {
            KernelClient.Execution ex = client.executeAndCollect("hello");
            System.out.println(ex);
            System.out.println(kernel.stderr());
            assertEquals("ok", ex.status());
        }
    }
}
