package reflow.protocol;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * A flood of iopub messages far beyond ZeroMQ's high-water marks (1,000 on each side) arrives complete and
 * in order, followed by the reply and idle: the kernel waits for the subscriber instead of dropping.
 */
class IopubFloodTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int LINES = 20_000;

    @Test
    void everyMessageOfAFloodArrivesInOrderAndIdleComesLast() throws Exception {
        try (KernelProcess kernel = KernelProcess.start("reflow.testing.EchoKernel");
             KernelClient client = kernel.connect()) {
            String id = client.execute("flood " + LINES);
            // Read nothing until the kernel says it is holding output back: the back-pressure path is taken.
            awaitLog(kernel, "iopub: a subscriber reads slower");
            KernelClient.Execution run = client.collect(id, TIMEOUT);
            assertEquals("ok", run.status());
            List<Message> streams = run.ofType("stream");
            assertEquals(LINES, streams.size(), "stream messages received");
            for (int i = 0; i < LINES; i++) {
                assertEquals(i + "\n", streams.get(i).field("text").asText(), "message " + i + " in order");
            }
            List<String> types = run.iopubTypes();
            assertEquals("status", types.get(0));
            assertEquals("status", types.get(types.size() - 1), "idle is the last message");
            assertEquals("ok", client.executeAndCollect("after the flood").status());
            assertFalse(kernel.stderr().contains("WARN"), kernel.stderr());
        }
    }

    /** Waits for a line in the kernel's log (its stderr file); fails after the timeout. */
    private static void awaitLog(KernelProcess kernel, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!kernel.stderr().contains(text)) {
            assertTrue(System.nanoTime() < deadline, "no log line \"" + text + "\":\n" + kernel.stderr());
            assertTrue(kernel.isAlive(), kernel.stderr());
            Thread.sleep(10); // polling a file: the kernel has no other way to tell us
        }
    }
}
