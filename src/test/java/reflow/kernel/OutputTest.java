package reflow.kernel;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reflow.protocol.Channel;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * What a user's client receives for the things cells show: display handles and helpers, renderers and
 * tables, batched streams, thread output, and error text without JShell's internals. A plain client
 * (no cell ids) over real sockets; tracked cells get the same messages (ReactiveExecutionTest).
 */
class OutputTest {
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

    private static KernelClient.Execution run(String code) {
        KernelClient.Execution run = client.executeAndCollect(code);
        assertEquals("ok", run.status(), () -> code + " -> " + run.iopub());
        return run;
    }

    private static JsonNode value(KernelClient.Execution run) {
        List<Message> results = run.ofType("execute_result");
        assertEquals(1, results.size(), () -> run.iopubTypes() + " " + run.iopub());
        return results.get(0).field("data");
    }

    @Test
    void displayReturnsAHandleThatUpdatesInPlace() {
        KernelClient.Execution shown = run("var handle = display(\"first\");\nhandle.update(\"second\");\nhandle.id()");
        Message display = shown.ofType("display_data").get(0);
        String id = display.field("transient").path("display_id").asText();
        assertFalse(id.isEmpty(), display.toString());
        Message update = shown.ofType("update_display_data").get(0);
        assertEquals(id, update.field("transient").path("display_id").asText());
        assertEquals("second", update.field("data").path("text/plain").asText());
        assertEquals(id, value(shown).path("text/plain").asText(), "the handle knows its id");

        KernelClient.Execution later = run("updateDisplay(\"" + id + "\", html(\"<b>third</b>\"));");
        Message again = later.ofType("update_display_data").get(0);
        assertEquals(id, again.field("transient").path("display_id").asText(), "updatable from a later cell");
        assertEquals("<b>third</b>", again.field("data").path("text/html").asText());
    }

    @Test
    void aCellEndingInDisplayShowsTheValueOnce() {
        KernelClient.Execution run = run("display(markdown(\"*once*\"))");
        assertEquals(1, run.ofType("display_data").size());
        assertEquals(0, run.ofType("execute_result").size(), "no Out for the handle: " + run.iopubTypes());
    }

    @Test
    void helpersGiveEachTypeItsOwnMime() {
        assertEquals("*md*", value(run("markdown(\"*md*\")")).path("text/markdown").asText());
        assertEquals("$$E = mc^2$$", value(run("latex(\"E = mc^2\")")).path("text/latex").asText());
        assertTrue(value(run("svg(\"<svg xmlns='http://www.w3.org/2000/svg'/>\")")).path("image/svg+xml").asText().startsWith("<svg"));
        JsonNode json = value(run("record Score(String who, int points) {}\njson(List.of(new Score(\"ada\", 3)))"));
        assertEquals(3, json.path("application/json").get(0).path("points").asInt(), json.toString());
        assertEquals("ada", json.path("application/json").get(0).path("who").asText());
        JsonNode png = value(run("var out = new ByteArrayOutputStream();\n"
                + "javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(2, 2, 1), \"png\", out);\n"
                + "image(out.toByteArray(), \"image/png\")"));
        assertTrue(png.path("image/png").asText().startsWith("iVBOR"), png.toString());
        KernelClient.Execution typed = run("display(\"<circle r='3'/>\", \"text/html\");");
        assertEquals("<circle r='3'/>", typed.ofType("display_data").get(0).field("data").path("text/html").asText());
    }

    @Test
    void collectionsOfRecordsBeansAndMapsAreTables() {
        run("record City(String name, int people) {}");
        JsonNode cities = value(run("List.of(new City(\"Oslo\", 709000), new City(\"Bergen\", 291000))"));
        String html = cities.path("text/html").asText();
        assertTrue(html.contains("<th>name</th>") && html.contains("<th>people</th>") && html.contains("<td>Bergen</td>"), html);
        String text = cities.path("text/plain").asText();
        assertEquals(List.of("   name    people", "0  Oslo    709000", "1  Bergen  291000"), text.lines().toList(), text);

        JsonNode big = value(run("java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> new City(\"c\" + i, i)).toList()"));
        assertTrue(big.path("text/plain").asText().contains("... 9,990 more rows"), big.path("text/plain").asText());
        assertTrue(big.path("text/html").asText().contains("... 9,990 more rows"));
        assertTrue(big.path("text/html").asText().length() < 5_000, "never a huge output by accident");

        run("public class Person { private final String name; private final boolean admin;\n"
                + "  public Person(String n, boolean a) { name = n; admin = a; }\n"
                + "  public String getName() { return name; } public boolean isAdmin() { return admin; } }");
        JsonNode beans = value(run("new Person[] { new Person(\"ada\", true), new Person(\"alan\", false) }"));
        assertTrue(beans.path("text/html").asText().contains("<th>name</th><th>admin</th>")
                && beans.path("text/html").asText().contains("<td>alan</td><td>false</td>"), beans.toString());

        JsonNode map = value(run("new TreeMap<>(Map.of(\"a\", 1, \"b\", 2))"));
        assertTrue(map.path("text/html").asText().contains("<th>key</th><th>value</th>"), map.toString());
        JsonNode arrayOfMaps = value(run("new Map[] { Map.of(\"k\", 1), Map.of(\"k\", 2) }"));
        assertTrue(arrayOfMaps.path("text/html").asText().contains("<th>k</th>"), arrayOfMaps.toString());
        JsonNode optional = value(run("Optional.of(List.of(new City(\"Rome\", 1)))"));
        assertTrue(optional.path("text/html").asText().contains("<td>Rome</td>"), optional.toString());
        assertEquals("[a, b]", value(run("List.of(\"a\", \"b\")")).path("text/plain").asText(), "a list of strings stays a list");
        assertFalse(value(run("List.of(\"a\", \"b\")")).has("text/html"));
        String ints = value(run("java.util.stream.IntStream.range(0, 1_000_000).boxed().toList()")).path("text/plain").asText();
        assertTrue(ints.endsWith("... 999,900 more]") && ints.length() < 1_000, ints.length() + " chars");
    }

    @Test
    void renderersRegisteredInACellApply() {
        run("record Money(long cents) {}\nRenderers.register(Money.class, m -> html(\"<b>\" + m.cents() / 100 + \" EUR</b>\"));");
        JsonNode shown = value(run("new Money(1250)"));
        assertEquals("<b>12 EUR</b>", shown.path("text/html").asText(), shown.toString());
    }

    @Test
    void renderersInAJarAddedAtRunTimeAreDiscovered() throws Exception {
        Path dir = Files.createTempDirectory("reflow-renderer");
        Path src = dir.resolve("src/shapes");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Square.java"), "package shapes; public record Square(int side) {}");
        Files.writeString(src.resolve("SquareRenderer.java"), "package shapes; public class SquareRenderer implements "
                + "reflow.kernel.notebook.Renderer { public Class<?> type() { return Square.class; } "
                + "public Object render(Object v) { return java.util.Map.of(\"image/svg+xml\", \"<svg side='\" + ((Square) v).side() + \"'/>\"); } }");
        Path classes = dir.resolve("classes");
        int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.resolve("Square.java").toString(),
                src.resolve("SquareRenderer.java").toString());
        assertEquals(0, compiled);
        Path jar = dir.resolve("shapes.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("shapes/Square.class", "shapes/SquareRenderer.class")) {
                out.putNextEntry(new JarEntry(name));
                out.write(Files.readAllBytes(classes.resolve(name)));
            }
            out.putNextEntry(new JarEntry("META-INF/services/reflow.kernel.notebook.Renderer"));
            out.write("shapes.SquareRenderer\n".getBytes());
        }
        run("%classpath " + jar);
        JsonNode shown = value(run("new shapes.Square(7)"));
        assertEquals("<svg side='7'/>", shown.path("image/svg+xml").asText(), shown.toString());
    }

    @Test
    void aTightPrintLoopIsBatchedForPlainClientsToo() {
        KernelClient.Execution run = run("for (int i = 0; i < 20_000; i++) System.out.println(\"row \" + i);");
        String text = run.stream("stdout");
        assertTrue(text.startsWith("row 0\nrow 1\n") && text.endsWith("row 19999\n"), text.substring(text.length() - 30));
        assertEquals(20_000, text.lines().count(), "nothing lost");
        assertTrue(run.ofType("stream").size() < 200, "batched: " + run.ofType("stream").size() + " messages");
        System.out.println("OutputTest: 20,000 println -> " + run.ofType("stream").size() + " stream messages");
    }

    @Test
    void noJShellInternalsInWhatTheUserReads() {
        run("String nothing = null;");
        KernelClient.Execution npe = client.executeAndCollect("nothing.length()");
        Message error = npe.ofType("error").get(0);
        assertEquals("Cannot invoke \"String.length()\" because \"nothing\" is null", error.field("evalue").asText());
        assertFalse(npe.reply().toString().contains("$JShell$"), npe.reply().toString());
        assertTrue(value(run("class Plain {}\nnew Plain()")).path("text/plain").asText().matches("Plain@[0-9a-f]+"));
        run("class Oops extends RuntimeException { Oops() { super(\"oops\"); } }");
        KernelClient.Execution thrown = client.executeAndCollect("throw new Oops();");
        assertEquals("Oops", thrown.ofType("error").get(0).field("ename").asText());
        KernelClient.Execution printed = run("System.out.println(new Plain());");
        assertTrue(printed.stream("stdout").startsWith("Plain@"), printed.stream("stdout"));

        run("int down(int n) { return down(n + 1) + 1; }");
        KernelClient.Execution overflow = client.executeAndCollect("down(0)");
        List<String> trace = overflow.ofType("error").get(0).field("traceback").findValuesAsText("");
        JsonNode lines = overflow.ofType("error").get(0).field("traceback");
        assertTrue(lines.size() < 12, lines.toString());
        assertTrue(lines.toString().matches(".*\\.\\.\\. 1,0[0-9]{2} more identical frames.*"), lines.toString());
        assertNotNull(trace);
        KernelClient.Execution aux = client.executeAndCollect("var third = List.of(1).get(3);");
        assertFalse(aux.ofType("error").get(0).field("traceback").toString().contains("do_it"),
                aux.ofType("error").get(0).field("traceback").toString());
    }

    @Test
    void threadOutputGoesToTheRunningCellUnlessPinned() {
        run("var goA = new CountDownLatch(1); var doneA = new CountDownLatch(1);\n"
                + "new Thread(() -> { try { goA.await(); } catch (InterruptedException e) { }\n"
                + "  System.out.println(\"worker A\"); doneA.countDown(); }).start();");
        KernelClient.Execution running = run("goA.countDown(); doneA.await();");
        assertEquals("worker A\n", running.stream("stdout"), "the cell running now gets it");

        String pinning = client.execute("var goB = new CountDownLatch(1); var doneB = new CountDownLatch(1);\n"
                + "pinOutput(new Thread(() -> { try { goB.await(); } catch (InterruptedException e) { }\n"
                + "  System.out.println(\"worker B\"); doneB.countDown(); })).start();");
        assertEquals("ok", client.collect(pinning, Duration.ofSeconds(20)).status());
        KernelClient.Execution other = run("goB.countDown(); doneB.await();");
        assertEquals("", other.stream("stdout"), "pinned output stays out of this cell");
        Message pinned = client.nextMatching(Channel.IOPUB,
                m -> m.parentMsgId().equals(pinning) && m.msgType().equals("stream"), Duration.ofSeconds(20));
        assertNotNull(pinned, "the pinned thread's output reaches the cell that started it");
        assertEquals("worker B\n", pinned.field("text").asText());

        String wrapping = client.execute("var pool = Executors.newSingleThreadExecutor();\n"
                + "Runnable task = inThisCell(() -> System.out.println(\"task C\"));");
        assertEquals("ok", client.collect(wrapping, Duration.ofSeconds(20)).status());
        KernelClient.Execution submit = run("pool.submit(task).get();");
        assertEquals("", submit.stream("stdout"));
        Message task = client.nextMatching(Channel.IOPUB,
                m -> m.parentMsgId().equals(wrapping) && m.msgType().equals("stream"), Duration.ofSeconds(20));
        assertNotNull(task, "a wrapped task prints into the cell that wrapped it");
        assertEquals("task C\n", task.field("text").asText());

        String last = client.execute("var goD = new CountDownLatch(1);\n"
                + "new Thread(() -> { try { goD.await(); } catch (InterruptedException e) { }\n"
                + "  System.out.println(\"after every cell\"); }).start();");
        assertEquals("ok", client.collect(last, Duration.ofSeconds(20)).status());
        // A silent request is no cell: the worker, released by it, prints while no cell runs.
        String silent = client.send(Channel.SHELL, "execute_request", java.util.Map.of("code", "goD.countDown();",
                "silent", true, "store_history", false, "user_expressions", java.util.Map.of(), "allow_stdin", false,
                "stop_on_error", true));
        assertEquals("ok", client.collect(silent, Duration.ofSeconds(20)).status());
        Message late = client.nextMatching(Channel.IOPUB,
                m -> m.parentMsgId().equals(last) && m.msgType().equals("stream"), Duration.ofSeconds(20));
        assertNotNull(late, "printed while no cell ran: shown in the cell that ran last, not in the kernel log");
        assertEquals("after every cell\n", late.field("text").asText());
    }
}
