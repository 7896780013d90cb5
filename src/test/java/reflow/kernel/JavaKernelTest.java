package reflow.kernel;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reflow.protocol.Channel;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/** The Java kernel over real sockets: the requests a frontend sends and what the user sees back. */
class JavaKernelTest {
    private static KernelProcess kernel;
    private static KernelClient client;

    @BeforeAll
    static void start() throws Exception {
        kernel = KernelProcess.start("reflow.kernel.Main");
        client = kernel.connect(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (kernel != null) kernel.close();
    }

    private static String result(KernelClient.Execution run) {
        List<Message> results = run.ofType("execute_result");
        assertEquals(1, results.size(), () -> "one execute_result expected: " + run.iopubTypes() + " " + run.iopub());
        return results.get(0).field("data").path("text/plain").asText();
    }

    private static Message request(String msgType, Map<String, Object> content) {
        String id = client.send(Channel.SHELL, msgType, content);
        Message reply = client.awaitReply(Channel.SHELL, id);
        client.iopubUntilIdle(id);
        return reply;
    }

    /** As a frontend that sends its first cell at once: JShell's start skips its warm-up, the imports are there. */
    @Test
    void aCellSentAtLaunchSeesTheDefaultImports() throws Exception {
        try (KernelProcess fresh = KernelProcess.start("reflow.kernel.Main");
             KernelClient early = KernelClient.connect(fresh.connectionInfo())) {
            String info = early.send(Channel.SHELL, "kernel_info_request", Map.of());
            String run = early.execute("List<BigInteger> xs = new ArrayList<>(List.of(BigInteger.ONE));\n"
                    + "Function<Path, String> name = p -> p.getFileName().toString();\n"
                    + "var seen = new ConcurrentHashMap<String, Integer>(Map.of(name.apply(Paths.get(\"a\", \"b\")), 1));\n"
                    + "Pattern.matches(\"b\", seen.keySet().iterator().next())\n"
                    + "    ? LocalDate.of(2026, 1, 1).getYear() + xs.size() + Stream.of(seen).count() : -1");
            assertEquals("ok", early.awaitReply(Channel.SHELL, info, Duration.ofSeconds(60)).field("status").asText());
            KernelClient.Execution execution = early.collect(run, Duration.ofSeconds(60));
            assertEquals("ok", execution.status(), () -> execution.reply().content().toString());
            assertEquals("2028", result(execution));
        }
    }

    @Test
    void kernelInfoDescribesJava() {
        Message reply = request("kernel_info_request", Map.of());
        JsonNode language = reply.field("language_info");
        assertEquals("java", language.path("name").asText());
        assertEquals(System.getProperty("java.version"), language.path("version").asText());
        assertEquals("text/x-java", language.path("mimetype").asText());
        assertEquals(".java", language.path("file_extension").asText());
        assertEquals("java", language.path("codemirror_mode").asText());
        assertTrue(reply.field("protocol_version").asText().startsWith("5."));
    }

    @Test
    void executePublishesInputStreamsAndResultInOrder() {
        KernelClient.Execution run = client.executeAndCollect("System.out.println(\"out\");\nSystem.err.println(\"err\");\n6 * 7");
        assertEquals("ok", run.status());
        assertEquals("out\n", run.stream("stdout"));
        assertEquals("err\n", run.stream("stderr"));
        assertEquals("42", result(run));
        List<String> types = run.iopubTypes();
        assertEquals("busy", run.iopub().get(0).field("execution_state").asText());
        assertEquals("execute_input", types.get(1));
        assertTrue(types.indexOf("execute_result") < types.lastIndexOf("status"), types.toString());
        assertEquals(run.reply().field("execution_count").asInt(), run.ofType("execute_result").get(0).field("execution_count").asInt());
    }

    @Test
    void compileErrorNamesLineColumnAndSymbol() {
        KernelClient.Execution run = client.executeAndCollect("int ok = 1;\nint bad = undefinedThing + 1;");
        assertEquals("error", run.status());
        String trace = String.join("\n", run.ofType("error").get(0).field("traceback").findValuesAsText(""));
        String traceText = run.ofType("error").get(0).field("traceback").toString();
        assertTrue(traceText.contains("cell line 2, column 11") && traceText.contains("undefinedThing"), traceText);
        assertFalse(traceText.contains("\u001b["), "no ANSI colour codes");
        assertTrue(trace.isEmpty() || !trace.contains("jdk.jshell"));
    }

    @Test
    void runtimeErrorShowsUserFramesWithCellLinesOnly() {
        client.executeAndCollect("int half(int v) {\n    return 10 / v;\n}");
        KernelClient.Execution run = client.executeAndCollect("int a = 1;\nhalf(0)");
        assertEquals("error", run.status());
        Message error = run.ofType("error").get(0);
        assertTrue(error.field("ename").asText().endsWith("ArithmeticException"));
        String trace = error.field("traceback").toString();
        assertTrue(trace.contains("half") && trace.contains("line 2"), trace);
        assertFalse(trace.contains("reflow.kernel") || trace.contains("jdk.jshell") || trace.contains("java.lang.reflect"), trace);
        assertEquals("1", result(client.executeAndCollect("a")), "the session survives a failing cell");
    }

    @Test
    void displayShowsImagesAndTextInOrder() {
        KernelClient.Execution run = client.executeAndCollect(
                "System.out.println(\"before\");\n"
                + "display(new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB));\n"
                + "display(html(\"<b>bold</b>\"));\nSystem.out.println(\"after\");");
        List<Message> displays = run.ofType("display_data");
        assertEquals(2, displays.size(), run.iopubTypes().toString());
        assertTrue(displays.get(0).field("data").has("image/png"));
        assertEquals("<b>bold</b>", displays.get(1).field("data").path("text/html").asText());
        List<String> order = run.iopub().stream()
                .filter(m -> m.msgType().equals("stream") || m.msgType().equals("display_data"))
                .map(m -> m.msgType().equals("stream") ? m.field("text").asText().strip() : "display").toList();
        assertEquals(List.of("before", "display", "display", "after"), order);
    }

    @Test
    void clearOutputIsSent() {
        KernelClient.Execution run = client.executeAndCollect("System.out.println(\"x\"); clearOutput(true);");
        assertEquals(1, run.ofType("clear_output").size());
        assertTrue(run.ofType("clear_output").get(0).field("wait").asBoolean());
    }

    @Test
    void systemExitIsBlockedAndTheKernelLives() {
        KernelClient.Execution run = client.executeAndCollect("System.exit(3);");
        assertEquals("error", run.status());
        assertTrue(run.ofType("error").get(0).field("evalue").asText().contains("System.exit"));
        assertTrue(kernel.isAlive());
        assertEquals("2", result(client.executeAndCollect("1 + 1")));
    }

    @Test
    void stdinReadsGoThroughInputRequest() {
        String id = client.execute("var sc = new Scanner(System.in);\nString name = sc.nextLine();\n\"hello \" + name");
        Message ask = client.awaitInputRequest(Duration.ofSeconds(20));
        assertFalse(ask.field("password").asBoolean());
        client.sendInputReply("Ada");
        assertEquals("hello Ada", result(client.collect(id, Duration.ofSeconds(20))));
    }

    @Test
    void stdinWithoutAllowStdinFailsClearly() {
        String id = client.send(Channel.SHELL, "execute_request", Map.of("code",
                "new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine()",
                "silent", false, "store_history", true, "user_expressions", Map.of(), "allow_stdin", false,
                "stop_on_error", false));
        KernelClient.Execution run = client.collect(id, Duration.ofSeconds(20));
        assertEquals("error", run.status());
        assertTrue(run.ofType("error").get(0).field("evalue").asText().contains("allow_stdin"),
                run.ofType("error").get(0).toString());
    }

    @Test
    void userExpressionsAreEvaluated() {
        client.executeAndCollect("int ue = 20;");
        String id = client.send(Channel.SHELL, "execute_request", Map.of("code", "int ue2 = ue + 1;", "silent", false,
                "store_history", true, "user_expressions", Map.of("doubled", "ue * 2", "broken", "nope + 1"),
                "allow_stdin", false, "stop_on_error", true));
        JsonNode expressions = client.collect(id, Duration.ofSeconds(20)).reply().field("user_expressions");
        assertEquals("ok", expressions.path("doubled").path("status").asText());
        assertEquals("40", expressions.path("doubled").path("data").path("text/plain").asText());
        assertEquals("error", expressions.path("broken").path("status").asText());
    }

    @Test
    void silentExecutionPublishesNoInputOrResult() {
        String id = client.send(Channel.SHELL, "execute_request", Map.of("code", "41 + 1", "silent", true,
                "store_history", false, "user_expressions", Map.of(), "allow_stdin", false, "stop_on_error", true));
        KernelClient.Execution run = client.collect(id, Duration.ofSeconds(20));
        assertEquals("ok", run.status());
        assertTrue(run.ofType("execute_input").isEmpty() && run.ofType("execute_result").isEmpty(), run.iopubTypes().toString());
    }

    @Test
    void stopOnErrorAbortsTheQueuedExecutes() {
        String failing = client.execute("throw new IllegalStateException(\"stop here\");");
        String queued = client.execute("System.out.println(\"must not run\");");
        assertEquals("error", client.collect(failing, Duration.ofSeconds(20)).status());
        KernelClient.Execution aborted = client.collect(queued, Duration.ofSeconds(20));
        assertEquals("aborted", aborted.status());
        assertEquals("", aborted.stream("stdout"));
    }

    @Test
    void completionPutsMatchingTypesFirstWithoutDuplicates() {
        client.executeAndCollect("String completeMe = \"x\"; int completeCount = 3;");
        String code = "int n = complete";
        Message reply = request("complete_request", Map.of("code", code, "cursor_pos", code.length()));
        List<String> matches = reply.field("matches").findValuesAsText("");
        JsonNode raw = reply.field("matches");
        assertEquals("completeCount", raw.get(0).asText(), raw.toString());
        assertTrue(raw.toString().contains("completeMe"));
        assertEquals(code.length() - "complete".length(), reply.field("cursor_start").asInt());
        assertEquals(code.length(), reply.field("cursor_end").asInt());
        JsonNode kinds = reply.field("metadata").path("_jupyter_types_experimental");
        assertEquals(raw.size(), kinds.size());
        assertEquals("completeCount", kinds.get(0).path("text").asText());
        assertTrue(kinds.get(0).path("start").isInt(), "start/end are numbers, as JupyterLab reads them");
        assertEquals(reply.field("cursor_start").asInt(), kinds.get(0).path("start").asInt());
        java.util.Set<String> unique = new java.util.HashSet<>();
        raw.forEach(m -> assertTrue(unique.add(m.asText()), "duplicate " + m));
        assertNotNull(matches);
    }

    @Test
    void completionOffersMagics() {
        Message reply = request("complete_request", Map.of("code", "%rea", "cursor_pos", 4));
        assertEquals("%reactive", reply.field("matches").get(0).asText());
        assertEquals(0, reply.field("cursor_start").asInt());
    }

    @Test
    void inspectShowsSignaturesAndSaysWhenTheJdkHasNoJavadoc() {
        Message reply = request("inspect_request", Map.of("code", "Math.abs", "cursor_pos", 8, "detail_level", 0));
        assertTrue(reply.field("found").asBoolean());
        String text = reply.field("data").path("text/plain").asText();
        assertTrue(text.contains("Math.abs(int"), reply.toString());
        assertTrue(reply.field("data").path("text/html").asText().contains("Math.abs(int"), reply.toString());
        if (Files.isReadable(Path.of(System.getProperty("java.home"), "lib", "src.zip"))) {
            assertTrue(text.contains("absolute value") && !text.contains("{@code"), text);
        } else {
            assertEquals(1, text.lines().filter(l -> l.startsWith("No javadoc: this JDK has no sources")).count(), text);
        }
    }

    /** JDK 25 here ships its src.zip: inspect shows javadoc as text, HTML and Markdown, not as raw tags. */
    @Test
    void inspectRendersJdkJavadocWhereTheJdkHasSources() throws Exception {
        Path jdk = InterruptTest.JDK_25;
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(jdk.resolve("lib/src.zip")), "no JDK with sources at " + jdk);
        try (KernelProcess own = KernelProcess.builder("reflow.kernel.Main").javaHome(jdk).start();
             KernelClient c = own.connect(Duration.ofSeconds(60))) {
            String id = c.send(Channel.SHELL, "inspect_request", Map.of("code", "Math.abs", "cursor_pos", 8, "detail_level", 0));
            JsonNode data = c.awaitReply(Channel.SHELL, id, Duration.ofSeconds(60)).field("data");
            String text = data.path("text/plain").asText();
            assertTrue(text.contains("Returns the absolute value of an int value.") && text.contains("Parameters:\n  a - "), text);
            assertFalse(text.contains("{@code") || text.contains("<p>"), text);
            assertTrue(data.path("text/html").asText().contains("<code>int</code>"), data.toString());
            assertTrue(data.path("text/markdown").asText().contains("`int`"), data.toString());
        }
    }

    @Test
    void isCompleteTellsCompleteIncompleteAndInvalid() {
        assertEquals("complete", request("is_complete_request", Map.of("code", "int x = 1;")).field("status").asText());
        Message open = request("is_complete_request", Map.of("code", "for (int i = 0; i < 3; i++) {"));
        assertEquals("incomplete", open.field("status").asText());
        assertFalse(open.field("indent").asText().isEmpty());
        assertEquals("invalid", request("is_complete_request", Map.of("code", "int x = ;)")).field("status").asText());
    }

    @Test
    void historyAnswersTailRangeAndSearch() {
        client.executeAndCollect("String historyMarker = \"h1\";");
        client.executeAndCollect("historyMarker.length()");
        Message tail = request("history_request", Map.of("hist_access_type", "tail", "n", 2, "output", false, "raw", true));
        JsonNode entries = tail.field("history");
        assertEquals(2, entries.size());
        assertEquals("historyMarker.length()", entries.get(1).get(2).asText());
        Message search = request("history_request", Map.of("hist_access_type", "search", "pattern", "*historyMarker*",
                "n", 10, "output", true, "raw", true, "unique", false));
        assertEquals(2, search.field("history").size());
        assertEquals("2", search.field("history").get(1).get(2).get(1).asText(), "output included");
        int line = entries.get(0).get(1).asInt();
        Message range = request("history_request", Map.of("hist_access_type", "range", "session", 0,
                "start", line, "stop", line + 1, "output", false, "raw", true));
        assertEquals("String historyMarker = \"h1\";", range.field("history").get(0).get(2).asText());
    }

    @Test
    void unknownMagicSaysWhatExists() {
        KernelClient.Execution run = client.executeAndCollect("%nosuchmagic");
        assertEquals("error", run.status());
        assertTrue(run.ofType("error").get(0).field("evalue").asText().contains("%reactive"));
    }

    @Test
    void malformedJavaNeverCorruptsTheSession() {
        client.executeAndCollect("int keep = 5;");
        assertEquals("error", client.executeAndCollect("class Broken { void m() { ").status());
        assertEquals("error", client.executeAndCollect("int keep = \"not an int\";").status());
        assertEquals("5", result(client.executeAndCollect("keep")));
    }

    @Test
    void restartRequestExitsTheProcess() throws Exception {
        try (KernelProcess own = KernelProcess.start("reflow.kernel.Main");
             KernelClient c = own.connect(Duration.ofSeconds(30))) {
            c.executeAndCollect("int x = 1;");
            String id = c.send(Channel.CONTROL, "shutdown_request", Map.of("restart", true));
            assertTrue(c.awaitReply(Channel.CONTROL, id).field("restart").asBoolean());
            assertNotNull(own.awaitExit(Duration.ofSeconds(15)), "the kernel exits; the client starts a new one");
        }
    }

    @Test
    void logsGoToStderrNotToCells() throws Exception {
        assertTrue(Files.exists(kernel.stderrFile()));
        assertTrue(kernel.stderr().contains("listening"), kernel.stderr());
        assertNotNull(Path.of("."));
    }

    @Test
    void classpathMagicAddsClassFolders() throws Exception {
        Path dir = Files.createTempDirectory("reflow-classpath");
        Path source = dir.resolve("Greeter.java");
        Files.writeString(source, "package greet; public class Greeter { public String hi() { return \"hi from a jar\"; } }");
        int compiled = javax.tools.ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "-d", dir.resolve("classes").toString(), source.toString());
        assertEquals(0, compiled);
        KernelClient.Execution added = client.executeAndCollect("%classpath " + dir.resolve("classes"));
        assertEquals("ok", added.status(), added.iopub().toString());
        assertEquals("hi from a jar", result(client.executeAndCollect("new greet.Greeter().hi()")));
        KernelClient.Execution missing = client.executeAndCollect("%classpath /no/such/dir/*.jar");
        assertEquals("error", missing.status());
        assertTrue(missing.ofType("error").get(0).field("evalue").asText().contains("/no/such/dir"));
    }

    @Test
    void sigintInterruptsTheCellInsteadOfKillingTheKernel() throws Exception {
        String id = client.execute("System.out.println(\"started\"); while (true) {}");
        // The loop must be running (an interrupt before the request starts is cleared by it): a protocol wait.
        assertNotNull(client.nextMatching(Channel.IOPUB, m -> m.parentMsgId().equals(id) && m.msgType().equals("stream")
                && m.field("text").asText().contains("started"), Duration.ofSeconds(60)), "the cell never started");
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(kernel.process().pid())).start();
        assertEquals(0, kill.waitFor());
        KernelClient.Execution run = client.collect(id, Duration.ofSeconds(20));
        assertEquals("error", run.status());
        assertTrue(kernel.isAlive());
        assertEquals("2", result(client.executeAndCollect("1 + 1")));
    }
}
