package reflow.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelClient.Execution;
import reflow.testing.KernelProcess;

/** The wire protocol as a client sees it, against {@code EchoKernel} in a child JVM over real sockets. */
class KernelProtocolTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static KernelProcess kernel;
    private static KernelClient client;

    @BeforeAll
    static void startKernel() throws Exception {
        kernel = KernelProcess.start("reflow.testing.EchoKernel");
        client = kernel.connect();
    }

    @AfterAll
    static void stopKernel() {
        if (client != null) {
            client.close();
        }
        if (kernel != null) {
            kernel.close();
        }
    }

    @AfterEach
    void kernelStillAlive(TestInfo test) {
        assertTrue(kernel.isAlive(), test.getDisplayName() + " killed the kernel:\n" + kernel.stderr());
    }

    private static List<String> types(List<Message> messages) {
        return messages.stream().map(m -> m.msgType().equals("status")
                ? "status:" + m.field("execution_state").asText() : m.msgType()).toList();
    }

    static Stream<Arguments> shellRequests() {
        return Stream.of(
                Arguments.of("kernel_info_request", Map.of(), "implementation", "echo"),
                Arguments.of("comm_info_request", Map.of(), "status", "ok"),
                Arguments.of("complete_request", Map.of("code", "ab", "cursor_pos", 2), "cursor_end", "2"),
                Arguments.of("inspect_request", Map.of("code", "x", "cursor_pos", 1, "detail_level", 0), "found", "true"),
                Arguments.of("is_complete_request", Map.of("code", "if (x) {"), "status", "incomplete"),
                Arguments.of("history_request", Map.of("hist_access_type", "tail", "n", 10, "output", false,
                        "raw", true), "status", "ok"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shellRequests")
    void everyShellRequestIsWrappedInBusyAndIdleParentedToIt(String msgType, Map<String, Object> content,
                                                             String field, String expected) {
        String id = client.send(Channel.SHELL, msgType, content);
        Message reply = client.awaitReply(Channel.SHELL, id, TIMEOUT);
        assertEquals(msgType.replace("_request", "_reply"), reply.msgType());
        assertEquals(expected, reply.field(field).asText(), reply.toString());
        assertEquals(List.of("status:busy", "status:idle"), types(client.iopubUntilIdle(id, TIMEOUT)));
    }

    @Test
    void kernelInfoOnControlIsWrappedInBusyAndIdleToo() {
        String id = client.send(Channel.CONTROL, "kernel_info_request", Map.of());
        Message reply = client.awaitReply(Channel.CONTROL, id, TIMEOUT);
        assertEquals("kernel_info_reply", reply.msgType());
        assertEquals("5.3", reply.field("protocol_version").asText());
        assertEquals("echo", reply.field("language_info").path("name").asText());
        assertEquals(List.of("status:busy", "status:idle"), types(client.iopubUntilIdle(id, TIMEOUT)));
    }

    @Test
    void executePublishesBusyOutputsIdleInOrderAllParentedToTheRequest() {
        Execution run = client.executeAndCollect("hello");
        assertEquals("ok", run.status());
        assertEquals(List.of("status:busy", "stream", "execute_result", "status:idle"), types(run.iopub()));
        assertEquals("hello", run.stream("stdout"));
        Message result = run.ofType("execute_result").get(0);
        assertEquals("hello", result.field("data").path("text/plain").asText());
        assertEquals(run.reply().field("execution_count").asInt(), result.field("execution_count").asInt());
    }

    @Test
    void outgoingHeadersCarryTheKernelSessionVersionAndMicrosecondDate() {
        Execution run = client.executeAndCollect("dates");
        String session = run.reply().header().get("session").asText();
        for (Message m : Stream.concat(Stream.of(run.reply()), run.iopub().stream()).toList()) {
            ObjectNode h = m.header();
            assertEquals(session, h.get("session").asText(), "one session per kernel process");
            assertEquals("kernel", h.get("username").asText());
            assertEquals("5.3", h.get("version").asText());
            assertTrue(h.get("date").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), h.toString());
            assertFalse(h.get("msg_id").asText().isEmpty());
        }
    }

    @Test
    void jupyterLabHeaderVersion52WithNullSubshellIsAcceptedAndEchoedAsParent() {
        ObjectNode header = client.header("kernel_info_request");
        header.put("version", "5.2");
        header.putNull("subshell_id");
        String id = client.send(Channel.SHELL, header, Map.of(), Map.of());
        Message reply = client.awaitReply(Channel.SHELL, id, TIMEOUT);
        assertEquals("5.2", reply.parentHeader().get("version").asText());
        assertTrue(reply.parentHeader().has("subshell_id") && reply.parentHeader().get("subshell_id").isNull(),
                "parent_header is the request header as received: " + reply.parentHeader());
        client.iopubUntilIdle(id, TIMEOUT);
    }

    @Test
    void repliesAreSignedWithHmacSha256OverTheExactFrames() throws Exception {
        String id = client.send(Channel.SHELL, "is_complete_request", Map.of("code", "x"));
        List<byte[]> frames = client.receiveRaw(Channel.SHELL, TIMEOUT);
        int delimiter = 0;
        while (!new String(frames.get(delimiter), UTF_8).equals("<IDS|MSG>")) {
            delimiter++;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(kernel.connectionInfo().key().getBytes(UTF_8), "HmacSHA256"));
        for (int i = delimiter + 2; i < delimiter + 6; i++) {
            mac.update(frames.get(i));
        }
        assertEquals(HexFormat.of().formatHex(mac.doFinal()), new String(frames.get(delimiter + 1), UTF_8));
        assertTrue(new String(frames.get(delimiter + 3), UTF_8).contains(id), "parent_header frame names the request");
        client.iopubUntilIdle(id, TIMEOUT);
    }

    @Test
    void unknownCommTargetIsClosedAndCommMessagesAreIgnored() {
        String open = client.send(Channel.SHELL, "comm_open", Map.of("comm_id", "c1", "target_name", "nobody", "data", Map.of()));
        List<Message> iopub = client.iopubUntilIdle(open, TIMEOUT);
        assertEquals(List.of("status:busy", "comm_close", "status:idle"), types(iopub));
        assertEquals("c1", iopub.get(1).field("comm_id").asText());
        assertTrue(iopub.get(1).field("data").isObject());

        String msg = client.send(Channel.SHELL, "comm_msg", Map.of("comm_id", "c1", "data", Map.of()));
        assertEquals(List.of("status:busy", "status:idle"), types(client.iopubUntilIdle(msg, TIMEOUT)));
    }

    @Test
    void unknownMessageTypeStillGetsBusyAndIdleAndNoReply() {
        String id = client.send(Channel.SHELL, "frobnicate_request", Map.of());
        assertEquals(List.of("status:busy", "status:idle"), types(client.iopubUntilIdle(id, TIMEOUT)));
        assertNull(client.nextMatching(Channel.SHELL, m -> m.parentMsgId().equals(id), Duration.ofMillis(300)));
        assertTrue(kernel.stderr().contains("unknown msg_type frobnicate_request"), kernel.stderr());
    }

    @Test
    void handlerThatThrowsGivesAnErrorReplyAndTheKernelGoesOn() {
        Execution run = client.executeAndCollect("throw");
        assertEquals("error", run.status());
        assertEquals("IllegalStateException", run.reply().field("ename").asText());
        assertEquals("boom", run.reply().field("evalue").asText());
        assertTrue(run.reply().field("traceback").isArray());
        assertEquals("ok", client.executeAndCollect("after").status());
    }

    @Test
    void stopOnErrorAbortsTheExecutesQueuedBehindAFailureButServesOtherRequests() {
        String slow = client.execute("wait 1500");   // holds the worker while the rest queues up
        String fail = client.execute("fail");
        String second = client.execute("second");
        String complete = client.send(Channel.SHELL, "complete_request", Map.of("code", "c", "cursor_pos", 1));
        String third = client.execute("third");

        assertEquals("ok", client.collect(slow, TIMEOUT).status());
        Execution failed = client.collect(fail, TIMEOUT);
        assertEquals("error", failed.status());
        int count = failed.reply().field("execution_count").asInt();
        for (String aborted : List.of(second, third)) {
            Execution run = client.collect(aborted, TIMEOUT);
            assertEquals("aborted", run.status(), run.reply().toString());
            // JupyterLab sets the cell's prompt from the reply's execution_count: a cell that never ran has none.
            assertFalse(run.reply().content().has("execution_count"), run.reply().toString());
            assertEquals(List.of("status:busy", "status:idle"), types(run.iopub()), "the handler never ran");
        }
        Execution next = client.executeAndCollect("next");
        assertEquals(count + 1, next.reply().field("execution_count").asInt(), "aborted requests use no count");
        assertEquals("ok", client.awaitReply(Channel.SHELL, complete, TIMEOUT).field("status").asText());
        client.iopubUntilIdle(complete, TIMEOUT);
    }

    @Test
    void queuedRequestsGetTheirBusyOnlyAfterThePreviousIdle() {
        // busy goes out from the receiving thread when the kernel is idle; queued requests must still see
        // busy(A) idle(A) busy(B) idle(B) ..., or a frontend shows the kernel idle while B runs.
        List<String> ids = List.of(client.execute("wait 400"), client.execute("b"),
                client.send(Channel.SHELL, "kernel_info_request", Map.of()), client.execute("d"));
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < ids.size() * 2; i++) {
            Message status = client.nextMatching(Channel.IOPUB,
                    m -> m.msgType().equals("status") && ids.contains(m.parentMsgId()), TIMEOUT);
            assertNotNull(status, "status messages so far: " + seen);
            seen.add(ids.indexOf(status.parentMsgId()) + ":" + status.field("execution_state").asText());
        }
        assertEquals(List.of("0:busy", "0:idle", "1:busy", "1:idle", "2:busy", "2:idle", "3:busy", "3:idle"), seen);
        for (String id : ids) {
            client.awaitReply(Channel.SHELL, id, TIMEOUT);
        }
    }

    @Test
    void withoutStopOnErrorQueuedExecutesRun() {
        String slow = client.execute("wait 800");
        String fail = client.send(Channel.SHELL, "execute_request", Map.of("code", "fail", "stop_on_error", false));
        String next = client.execute("next");
        client.collect(slow, TIMEOUT);
        assertEquals("error", client.collect(fail, TIMEOUT).status());
        assertEquals("ok", client.collect(next, TIMEOUT).status());
    }

    @Test
    void executeSeesTheRequestsQueuedBehindIt() {
        String slow = client.execute("wait 1000");
        String queued = client.execute("queued");
        String inspect = client.send(Channel.SHELL, "inspect_request", Map.of("code", "q", "cursor_pos", 1));
        client.collect(slow, TIMEOUT);
        assertEquals("inspect_request", client.collect(queued, TIMEOUT).stream("stdout"));
        client.awaitReply(Channel.SHELL, inspect, TIMEOUT);
        client.iopubUntilIdle(inspect, TIMEOUT);
    }

    @Test
    void interruptRequestReachesTheHandlerWhileAnExecuteRuns() {
        String sleeping = client.execute("sleep");
        Message started = client.nextMatching(Channel.IOPUB,
                m -> m.msgType().equals("stream") && m.parentMsgId().equals(sleeping), TIMEOUT);
        assertNotNull(started, "the execute is running");
        String interrupt = client.send(Channel.CONTROL, "interrupt_request", Map.of());
        assertEquals("ok", client.awaitReply(Channel.CONTROL, interrupt, TIMEOUT).field("status").asText());
        Execution run = client.collect(sleeping, TIMEOUT);
        assertEquals("Interrupted", run.reply().field("ename").asText());
        assertEquals(List.of("status:busy", "error", "status:idle"), types(run.iopub()), // stream taken above
                "outputs published by an interrupted thread still arrive");
        assertTrue(kernel.stderr().contains("echo: interrupt"));
        assertEquals("ok", client.executeAndCollect("still here").status());
    }

    @Test
    void stdinRoundTrip() {
        String id = client.execute("password");
        Message request = client.awaitInputRequest(TIMEOUT);
        assertEquals(id, request.parentMsgId());
        assertEquals("name? ", request.field("prompt").asText());
        assertTrue(request.field("password").asBoolean());
        client.sendInputReply("Ada");
        Execution run = client.collect(id, TIMEOUT);
        assertEquals("ok", run.status());
        assertEquals("got: Ada\n", run.stream("stdout"));
    }

    @Test
    void allowStdinFalseMakesReadingFailWithoutAnInputRequest() {
        String id = client.send(Channel.SHELL, "execute_request", Map.of("code", "input", "allow_stdin", false,
                "stop_on_error", false));
        Execution run = client.collect(id, TIMEOUT);
        assertEquals("StdinNotAllowed", run.reply().field("ename").asText());
        assertNull(client.nextMatching(Channel.STDIN, m -> true, Duration.ofMillis(300)));
    }

    @Test
    void heartbeatEchoes() {
        assertArrayEquals("ping-1".getBytes(UTF_8), client.heartbeat("ping-1".getBytes(UTF_8), TIMEOUT));
        assertArrayEquals("ping-2".getBytes(UTF_8), client.heartbeat("ping-2".getBytes(UTF_8), TIMEOUT));
    }

    // ---- malformed input: one log line, no reply, kernel keeps answering

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    private static byte[] hmac(String... parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(kernel.connectionInfo().key().getBytes(UTF_8), "HmacSHA256"));
        for (String part : parts) {
            mac.update(b(part));
        }
        return b(HexFormat.of().formatHex(mac.doFinal()));
    }

    private static List<byte[]> signedFrames(String header, String content) throws Exception {
        return List.of(b("<IDS|MSG>"), hmac(header, "{}", "{}", content), b(header), b("{}"), b("{}"), b(content));
    }

    static Stream<Arguments> malformed() throws Exception {
        String header = "{\"msg_id\":\"bad-1\",\"msg_type\":\"execute_request\",\"session\":\"s\",\"version\":\"5.3\"}";
        String content = "{\"code\":\"evil\"}";
        return Stream.of(
                Arguments.of("no delimiter", List.of(b("hello"), b("world")), "no <IDS|MSG> delimiter"),
                Arguments.of("two frames", List.of(b("<IDS|MSG>"), b("sig")), "4 JSON frames"),
                Arguments.of("bad JSON", signedFrames("{\"msg_type\": ", content), "header is not valid JSON"),
                Arguments.of("wrong signature", List.of(b("<IDS|MSG>"), b("0".repeat(64)), b(header), b("{}"),
                        b("{}"), b(content)), "invalid signature"),
                Arguments.of("missing signature", List.of(b("<IDS|MSG>"), b(""), b(header), b("{}"), b("{}"),
                        b(content)), "missing signature"),
                Arguments.of("non-object content", signedFrames(header, "[\"evil\"]"), "content must be a JSON object"),
                Arguments.of("header without msg_type", signedFrames("{\"msg_id\":\"x\"}", content), "no msg_type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedMessagesAreDroppedWithOneLogLine(String name, List<byte[]> frames, String reason)
            throws InterruptedException {
        for (Channel channel : List.of(Channel.SHELL, Channel.CONTROL, Channel.STDIN)) {
            long before = logLinesContaining(reason);
            client.sendRaw(channel, frames);
            String id = client.send(Channel.CONTROL, "kernel_info_request", Map.of());
            assertEquals("ok", client.awaitReply(Channel.CONTROL, id, TIMEOUT).field("status").asText());
            client.iopubUntilIdle(id, TIMEOUT);
            // stdin is its own connection: its message is not ordered with the control request, so wait.
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (logLinesContaining(reason) == before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(before + 1, logLinesContaining(reason), name + " on " + channel + ":\n" + kernel.stderr());
        }
        assertFalse(kernel.stderr().contains("\tat "), "no stack traces for bad input");
        assertNull(client.nextMatching(Channel.IOPUB, m -> m.parentMsgId().equals("bad-1"), Duration.ofMillis(200)),
                "the malformed execute never ran");
    }

    private static long logLinesContaining(String text) {
        return kernel.stderr().lines().filter(l -> l.contains("dropped malformed message") && l.contains(text)).count();
    }

    @Test
    void aReplayedRequestIsDroppedWithALogLineAndRunsOnce() {
        ObjectNode header = client.header("execute_request");
        String id = header.path("msg_id").asText();
        List<byte[]> frames = client.encode(header, KernelClient.executeContent("once"), Map.of());
        client.sendRaw(Channel.SHELL, frames);
        client.sendRaw(Channel.SHELL, frames);
        client.sendRaw(Channel.CONTROL, frames); // a replay on another channel is still a replay
        Execution first = client.collect(id, TIMEOUT);
        assertEquals("ok", first.status());
        // Shell requests are served in order: once this later request is answered, a second run of the
        // replayed one would have sent its reply and outputs already.
        assertEquals("ok", client.executeAndCollect("after").status());
        String control = client.send(Channel.CONTROL, "kernel_info_request", Map.of());
        client.awaitReply(Channel.CONTROL, control, TIMEOUT);
        client.iopubUntilIdle(control, TIMEOUT);
        assertNull(client.nextMatching(Channel.SHELL, m -> m.parentMsgId().equals(id), Duration.ZERO), "ran twice");
        assertNull(client.nextMatching(Channel.CONTROL, m -> m.parentMsgId().equals(id), Duration.ZERO));
        assertNull(client.nextMatching(Channel.IOPUB, m -> m.parentMsgId().equals(id), Duration.ZERO));
        assertEquals(1, first.ofType("execute_result").size());
        assertEquals(1, kernel.stderr().lines().filter(l -> l.contains("shell: dropped replayed message")
                && l.contains(id)).count(), kernel.stderr());
        assertEquals(1, kernel.stderr().lines().filter(l -> l.contains("control: dropped replayed message")
                && l.contains(id)).count(), kernel.stderr());
    }

    @Test
    void replyContentUsesSnakeCase() {
        String id = client.send(Channel.SHELL, "complete_request", Map.of("code", "ab", "cursor_pos", 2));
        JsonNode content = client.awaitReply(Channel.SHELL, id, TIMEOUT).content();
        assertTrue(content.has("cursor_start") && content.has("cursor_end"), content.toString());
        client.iopubUntilIdle(id, TIMEOUT);
    }
}
