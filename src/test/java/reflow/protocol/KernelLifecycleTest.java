package reflow.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/** Keys and shutdown: each test starts its own kernel process. */
class KernelLifecycleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String ECHO = "reflow.testing.EchoKernel";

    @ParameterizedTest(name = "restart={0}")
    @ValueSource(booleans = {false, true})
    void shutdownRepliesOnControlThenTheProcessExits(boolean restart) throws Exception {
        try (KernelProcess kernel = KernelProcess.start(ECHO); KernelClient client = kernel.connect()) {
            String id = client.send(Channel.CONTROL, "shutdown_request", Map.of("restart", restart));
            Message reply = client.awaitReply(Channel.CONTROL, id, TIMEOUT);
            assertEquals("shutdown_reply", reply.msgType());
            assertEquals("ok", reply.field("status").asText());
            assertEquals(restart, reply.field("restart").asBoolean());
            Integer exit = kernel.awaitExit(TIMEOUT);
            assertNotNull(exit, "kernel still running after shutdown_reply:\n" + kernel.stderr());
            assertEquals(0, exit.intValue(), kernel.stderr());
            assertTrue(kernel.stderr().contains("echo: shutdown restart=" + restart), kernel.stderr());
        }
    }

    @Test
    void shutdownWorksWhileACellIsRunning() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(ECHO); KernelClient client = kernel.connect()) {
            client.execute("sleep");
            client.nextMatching(Channel.IOPUB, m -> m.msgType().equals("stream"), TIMEOUT);
            String id = client.send(Channel.CONTROL, "shutdown_request", Map.of("restart", false));
            assertEquals("ok", client.awaitReply(Channel.CONTROL, id, TIMEOUT).field("status").asText());
            assertNotNull(kernel.awaitExit(TIMEOUT), "kernel hangs on a running cell:\n" + kernel.stderr());
        }
    }

    @Test
    void aClientWithTheWrongKeyGetsNothingAndTheKernelSaysWhy() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(ECHO);
             KernelClient good = kernel.connect();
             KernelClient wrong = KernelClient.connect(kernel.connectionInfo().withKey("not-the-key"))) {
            wrong.send(Channel.SHELL, "kernel_info_request", Map.of());
            assertNull(wrong.nextMatching(Channel.SHELL, m -> true, Duration.ofSeconds(1)));
            assertTrue(kernel.stderr().contains("shell: dropped malformed message: invalid signature"), kernel.stderr());
            assertEquals("ok", good.executeAndCollect("fine").status());
        }
    }

    @Test
    void aClientReconnectingWithItsOldIdentityIsServedOnEveryChannel() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(ECHO); KernelClient first = kernel.connect()) {
            assertEquals("ok", first.executeAndCollect("first").status());
            // The old connection is still open, as when a frontend reconnects before ZeroMQ noticed the old
            // one died: the new one must take over instead of being ignored.
            try (KernelClient again = KernelClient.connect(kernel.connectionInfo(), first.identity())) {
                again.awaitReady(TIMEOUT);
                assertEquals("ok", again.executeAndCollect("again").status());
                String info = again.send(Channel.CONTROL, "kernel_info_request", Map.of());
                assertEquals("kernel_info_reply", again.awaitReply(Channel.CONTROL, info, TIMEOUT).msgType());
                String stdin = again.execute("input");
                again.awaitInputRequest(TIMEOUT);
                again.sendInputReply("back");
                assertEquals("got: back\n", again.collect(stdin, TIMEOUT).stream("stdout"));
            }
        }
    }

    @Test
    void emptyKeyTurnsSigningOff() throws Exception {
        try (KernelProcess kernel = KernelProcess.builder(ECHO).key("").start(); KernelClient client = kernel.connect()) {
            assertEquals("ok", client.executeAndCollect("unsigned").status());
            client.send(Channel.SHELL, "kernel_info_request", Map.of());
            List<byte[]> frames = client.receiveRaw(Channel.SHELL, TIMEOUT);
            assertEquals("<IDS|MSG>", new String(frames.get(0), UTF_8));
            assertEquals(0, frames.get(1).length, "empty signature frame");
            assertTrue(kernel.stderr().contains("signing off"));
        }
    }

    @Test
    void kernelProcessCanRunOnAnotherJdkWithJvmArgsAndEnv() throws Exception {
        java.nio.file.Path jdk25 = reflow.testing.Jdk25.require(); // fails, never skips, without JDK 25
        try (KernelProcess kernel = KernelProcess.builder(ECHO).javaHome(jdk25).jvmArgs("-Xmx128m")
                .env("REFLOW_TEST", "1").start();
             KernelClient client = kernel.connect()) {
            assertEquals("ok", client.executeAndCollect("on 25").status());
            assertTrue(kernel.process().info().command().orElse("").contains(jdk25.toString()));
        }
    }
}
