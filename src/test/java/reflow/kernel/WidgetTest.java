package reflow.kernel;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reflow.protocol.Channel;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * Widgets over real sockets, with a frontend that speaks the widget protocol as JupyterLab's widget
 * manager does ({@link WidgetFrontend}) and a notebook that places outputs as JupyterLab does
 * ({@link NotebookFrontend}). Every state the kernel sends is checked against the published schema of its
 * model ({@link WidgetSchema}).
 */
class WidgetTest {
    private static WidgetSchema schema;
    private static KernelProcess kernel;
    private static KernelClient client;
    private static NotebookFrontend notebook;
    private static WidgetFrontend widgets;
    private static int tests;
    /** Each test's cells and variables carry their own suffix ("$" in the code), so tests share one kernel. */
    private String suffix;

    @BeforeAll
    static void start() throws Exception {
        schema = WidgetSchema.load();
        kernel = KernelProcess.start("reflow.kernel.Main");
        client = kernel.connect(Duration.ofSeconds(30));
        notebook = new NotebookFrontend(client);
        widgets = new WidgetFrontend(client, notebook);
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (kernel != null) kernel.close();
    }

    @BeforeEach
    void name() {
        suffix = "t" + (++tests);
    }

    private KernelClient.Execution run(String cell, String code) {
        String java = code.replace("$", suffix);
        KernelClient.Execution run = widgets.run(cell + suffix, java);
        assertEquals("ok", run.status(), () -> java + " -> " + run.iopub());
        return run;
    }

    /** What a cell of this test shows. */
    private String shown(String cell) {
        return notebook.shown(cell + suffix);
    }

    /** Cell w shows a slider, sq reads it, plus uses sq, max uses the slider but not its value. */
    private String sliderNotebook() {
        KernelClient.Execution shown = run("w", "var n$ = slider(0, 10, 3);\nn$");
        run("sq", "int sq$ = n$.value() * n$.value();\nSystem.out.println(\"sq = \" + sq$);");
        run("plus", "sq$ + 1");
        run("max", "System.out.println(\"max \" + n$.max());");
        String model = WidgetFrontend.shownModel(shown);
        assertNotNull(model, "the cell shows a widget view: " + shown.iopub());
        return model;
    }

    @Test
    void aSliderOpensAModelPerSchemaAndShowsAsAWidgetViewWithATextFallback() {
        KernelClient.Execution shown = run("w", "var n$ = slider(\"n\", 0, 10, 3);\nn$");
        List<Message> opens = shown.ofType("comm_open");
        assertEquals(3, opens.size(), "layout, style and slider models: " + shown.iopubTypes());
        for (Message open : opens) {
            assertEquals("jupyter.widget", open.field("target_name").asText());
            assertEquals("2.1.0", open.metadata().path("version").asText(), "protocol version in metadata");
            assertEquals(List.of(), schema.problems(open.field("data").path("state")), open.toString());
            assertTrue(open.field("data").path("buffer_paths").isArray(), open.toString());
        }
        JsonNode slider = opens.get(2).field("data").path("state");
        Map<String, String> earlier = new java.util.HashMap<>();
        opens.subList(0, 2).forEach(o -> earlier.put("IPY_MODEL_" + o.field("comm_id").asText(),
                o.field("data").path("state").path("_model_name").asText()));
        assertEquals("IntSliderModel", slider.path("_model_name").asText());
        assertEquals("@jupyter-widgets/controls", slider.path("_model_module").asText());
        assertEquals(3, slider.path("value").asInt());
        assertEquals("n", slider.path("description").asText());
        // The children are opened before the model that refers to them.
        assertEquals("LayoutModel", earlier.get(slider.path("layout").asText()), slider.toString());
        assertEquals("SliderStyleModel", earlier.get(slider.path("style").asText()), slider.toString());

        JsonNode data = shown.ofType("execute_result").get(0).field("data");
        JsonNode view = data.path("application/vnd.jupyter.widget-view+json");
        assertEquals(opens.get(2).field("comm_id").asText(), view.path("model_id").asText());
        assertEquals(2, view.path("version_major").asInt());
        assertEquals(1, view.path("version_minor").asInt());
        assertTrue(data.path("text/plain").asText().contains("IntSlider(value=3"), data.toString());
    }

    @Test
    void everyWidgetsStateMatchesItsModelSchema() {
        KernelClient.Execution run = run("all", String.join("\n",
                "var a$ = slider(0, 10, 3); var b$ = floatSlider(0, 1, 0.5); var c$ = intRange(0, 100, 20, 80);",
                "var d$ = dropdown(\"red\", \"green\"); var e$ = checkbox(\"on\", true); var f$ = text(\"hi\");",
                "var g$ = textarea(\"lines\"); var h$ = button(\"Go\"); var i$ = datePicker(LocalDate.of(2026, 12, 1));",
                "var j$ = colorPicker(\"#ff8800\"); var k$ = progress(0, 10);",
                "var l$ = hbox(a$, b$); var m$ = vbox(c$, d$); var t$ = tabs(new LinkedHashMap<>(Map.of(\"one\", e$)));",
                "vbox(l$, m$, t$, f$, g$, h$, i$, j$, k$)"));
        Set<String> models = run.ofType("comm_open").stream()
                .map(o -> o.field("data").path("state").path("_model_name").asText()).collect(Collectors.toSet());
        assertEquals(Set.of("IntSliderModel", "FloatSliderModel", "IntRangeSliderModel", "DropdownModel",
                "CheckboxModel", "TextModel", "TextareaModel", "ButtonModel", "DatePickerModel", "ColorPickerModel",
                "IntProgressModel", "HBoxModel", "VBoxModel", "TabModel", "LayoutModel", "SliderStyleModel",
                "DescriptionStyleModel", "CheckboxStyleModel", "TextStyleModel", "ButtonStyleModel",
                "ProgressStyleModel"), models);
        for (Message open : run.ofType("comm_open")) {
            assertEquals(List.of(), schema.problems(open.field("data").path("state")), open.toString());
        }
        JsonNode date = stateOf(run, "DatePickerModel").path("value");
        assertEquals(Map.of("year", 2026, "month", 11, "date", 1), new com.fasterxml.jackson.databind.ObjectMapper()
                .convertValue(date, Map.class), "months count from 0 on the wire");
    }

    private static JsonNode stateOf(KernelClient.Execution run, String model) {
        return run.ofType("comm_open").stream().map(o -> o.field("data").path("state"))
                .filter(s -> s.path("_model_name").asText().equals(model)).findFirst().orElseThrow();
    }

    @Test
    void movingTheSliderReRunsExactlyItsReadersInPlace() {
        String model = sliderNotebook();
        assertTrue(shown("sq").contains("sq = 9"), shown("sq"));
        String w = shown("w");
        Set<String> closedBefore = Set.copyOf(widgets.closed);

        String msg = widgets.update(model, Map.of("value", 5));
        List<Message> iopub = widgets.settle(msg);
        assertEquals("busy", iopub.get(0).field("execution_state").asText(), "busy first: " + iopub);
        List<Message> echoes = WidgetFrontend.withMethod(iopub, "echo_update");
        assertEquals(1, echoes.size(), "one echo_update, parented to the frontend's update: " + iopub);
        assertEquals(5, echoes.get(0).field("data").path("state").path("value").asInt());

        assertEquals("sq = 25", shown("sq").strip(), "the reader's output is replaced in place");
        assertEquals("26", shown("plus").strip(), "what depends on the reader re-runs too");
        assertEquals("max 10", shown("max").strip(), "a cell that uses the slider but not its value stays");
        assertEquals(w, shown("w"), "the slider's own cell does not run again");
        assertEquals(closedBefore, widgets.closed, "no comm closed");
        assertEquals(5, widgets.models.get(model).path("value").asInt());
    }

    @Test
    void rapidChangesCoalesceAndTheLastValueWins() {
        String model = sliderNotebook();
        // A cell waits for input, so the updates queue behind it as a drag's do behind a slow re-run.
        String blocked = notebook.send("wait" + suffix, "var line" + suffix + " = new java.util.Scanner(System.in).nextLine();");
        client.awaitInputRequest(Duration.ofSeconds(30));
        List<String> updates = new java.util.ArrayList<>();
        for (int v = 6; v <= 10; v++) {
            updates.add(widgets.update(model, Map.of("value", v)));
        }
        client.sendInputReply("go");
        notebook.await("wait" + suffix, blocked);
        for (String update : updates) {
            List<Message> iopub = widgets.settle(update);
            assertEquals(1, WidgetFrontend.withMethod(iopub, "echo_update").size(), "each update is echoed");
        }
        assertEquals("sq = 100", shown("sq").strip(), "the last value wins");
        assertEquals("101", shown("plus").strip());
        long cascades = notebook.rerunsOf("sq" + suffix);
        assertTrue(cascades < updates.size(), "5 queued changes re-ran the reader " + cascades + " times");
    }

    @Test
    void aReaderThatFailsShowsItsErrorAndItsDependentsAreSkipped() {
        String model = sliderNotebook();
        run("check", "if (n$.value() > 7) throw new IllegalStateException(\"too big: \" + n$.value());\n\"fine\"");
        run("after", "var afterCheck$ = 1;");
        widgets.settle(widgets.update(model, Map.of("value", 9)));
        assertTrue(shown("check").contains("too big: 9"), shown("check"));
        widgets.settle(widgets.update(model, Map.of("value", 2)));
        assertTrue(shown("check").contains("fine"), shown("check"));
    }

    @Test
    void valuesTheViewCannotHoldAreRefusedAndNotEchoed() {
        String model = sliderNotebook();
        List<Message> iopub = widgets.settle(widgets.update(model, Map.of("value", 99)));
        assertEquals(List.of(), WidgetFrontend.withMethod(iopub, "echo_update"), "out of range: no echo");
        iopub = widgets.settle(widgets.update(model, Map.of("value", "five")));
        assertEquals(List.of(), WidgetFrontend.withMethod(iopub, "echo_update"));
        assertEquals("sq = 9", shown("sq").strip(), "nothing re-ran");
        // a comm the kernel never opened is ignored, and the kernel still answers
        iopub = widgets.settle(widgets.update("no-such-comm", Map.of("value", 1)));
        assertEquals("idle", iopub.get(iopub.size() - 1).field("execution_state").asText());
    }

    @Test
    void requestStateAndTheControlCommGiveAReloadedPageEveryModel() {
        Set<String> before = Set.copyOf(widgets.models.keySet());
        String model = sliderNotebook();
        Set<String> ownComms = new java.util.HashSet<>(widgets.models.keySet());
        ownComms.removeAll(before);
        assertEquals(3, ownComms.size(), "slider, layout, style");
        List<Message> iopub = widgets.settle(widgets.send(model, Map.of("method", "request_state")));
        List<Message> updates = WidgetFrontend.withMethod(iopub, "update");
        assertEquals(1, updates.size(), iopub.toString());
        assertEquals(List.of(), schema.problems(updates.get(0).field("data").path("state")));

        Message info = client.awaitReply(Channel.SHELL, client.send(Channel.SHELL, "comm_info_request",
                Map.of("target_name", "jupyter.widget")));
        JsonNode comms = info.field("comms");
        for (String id : ownComms) {
            assertEquals("jupyter.widget", comms.path(id).path("target_name").asText(), info.toString());
        }
        for (String id : widgets.closed) {
            assertFalse(comms.has(id), "a closed comm is not listed: " + id);
        }
        assertEquals("jupyter.widget", comms.path(model).path("target_name").asText());
        Message none = client.awaitReply(Channel.SHELL, client.send(Channel.SHELL, "comm_info_request",
                Map.of("target_name", "something.else")));
        assertEquals(0, none.field("comms").size(), none.toString());

        String open = client.send(Channel.SHELL, "comm_open", Map.of("comm_id", "control-1",
                "target_name", "jupyter.widget.control", "data", Map.of()), Map.of("version", "1.0.0"));
        List<Message> opened = client.iopubUntilIdle(open);
        assertTrue(opened.stream().noneMatch(m -> m.msgType().equals("comm_close")), "the control comm is accepted");
        iopub = widgets.settle(widgets.send("control-1", Map.of("method", "request_states")));
        List<Message> states = WidgetFrontend.withMethod(iopub, "update_states");
        assertEquals(1, states.size(), iopub.toString());
        JsonNode all = states.get(0).field("data").path("states");
        assertEquals(widgets.models.keySet(), fieldNames(all), "every live model, no closed one");
        JsonNode entry = all.path(model);
        assertEquals("IntSliderModel", entry.path("model_name").asText());
        assertEquals("@jupyter-widgets/controls", entry.path("model_module").asText());
        assertEquals("2.0.0", entry.path("model_module_version").asText());
        assertEquals(3, entry.path("state").path("value").asInt());
        assertTrue(states.get(0).field("data").path("buffer_paths").isArray());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void runningTheDefiningCellAgainClosesTheOldCommsAndTheReadersUseTheNewWidget() {
        String old = sliderNotebook();
        Set<String> before = Set.copyOf(widgets.models.keySet());
        Set<String> closedBefore = Set.copyOf(widgets.closed);
        KernelClient.Execution again = run("w", "var n$ = slider(0, 10, 4);\nn$");
        Set<String> closedNow = new java.util.HashSet<>(widgets.closed);
        closedNow.removeAll(closedBefore);
        assertEquals(3, closedNow.size(), "the old slider, its layout and style are closed: " + closedNow);
        assertTrue(before.containsAll(closedNow) && closedNow.contains(old));
        String fresh = WidgetFrontend.shownModel(again);
        assertNotEquals(old, fresh);
        assertEquals("sq = 16", shown("sq").strip(), "readers re-ran with the new slider");
        widgets.settle(widgets.update(fresh, Map.of("value", 6)));
        assertEquals("sq = 36", shown("sq").strip());
        List<Message> stale = widgets.settle(widgets.update(old, Map.of("value", 1)));
        assertEquals(List.of(), WidgetFrontend.withMethod(stale, "echo_update"), "a closed comm is ignored");
    }

    @Test
    void aButtonClickRunsItsListenerAndReRunsTheCellsThatCountClicks() {
        run("b", "var go$ = button(\"Go\");\ngo$.onClick(() -> System.out.println(\"clicked\"));\ngo$");
        run("count", "System.out.println(\"clicks: \" + go$.clicks());");
        String model = WidgetFrontend.shownModel(run("show", "go$"));
        widgets.settle(widgets.send(model, Map.of("method", "custom", "content", Map.of("event", "click"))));
        assertEquals("clicks: 1", shown("count").strip());
        assertTrue(shown("b").contains("clicked"), "the listener prints in the button's cell: " + shown("b"));
    }

    @Test
    void onChangeListensToTheUserAndCodeSetsTheValueForEveryFrontend() {
        run("t", "var name$ = text(\"ada\");\nname$.onChange(v -> System.out.println(\"now \" + v));\nname$");
        run("greet", "System.out.println(\"hello \" + name$.value());");
        String model = modelNamed("TextModel");
        widgets.settle(widgets.update(model, Map.of("value", "grace")));
        assertEquals("hello grace", shown("greet").strip());
        assertTrue(shown("t").contains("now grace"), shown("t"));
        KernelClient.Execution set = run("set", "name$.value(\"linus\");");
        List<Message> updates = WidgetFrontend.withMethod(set.iopub(), "update");
        assertEquals("linus", updates.get(0).field("data").path("state").path("value").asText());
        assertEquals("hello grace", shown("greet").strip(), "a value set by code re-runs nothing");
    }

    @Test
    void dropdownCheckboxAndDateSendTheirOwnKeys() {
        run("d", "var color$ = dropdown(\"red\", \"green\", \"blue\");\ncolor$");
        run("c", "var on$ = checkbox(\"grid\", false);\non$");
        run("p", "var day$ = datePicker(LocalDate.of(2026, 1, 31));\nday$");
        run("r", "System.out.println(color$.value() + \" \" + on$.value() + \" \" + day$.value());");
        assertEquals("red false 2026-01-31", shown("r").strip());
        widgets.settle(widgets.update(modelNamed("DropdownModel"), Map.of("index", 2)));
        widgets.settle(widgets.update(modelNamed("CheckboxModel"), Map.of("value", true)));
        widgets.settle(widgets.update(modelNamed("DatePickerModel"), Map.of("value", Map.of("year", 2027, "month", 1, "date", 28))));
        assertEquals("blue true 2027-02-28", shown("r").strip());
    }

    /** The model of that kind opened last (by this test: the kernel is shared). */
    private String modelNamed(String name) {
        return widgets.models.keySet().stream().filter(id -> widgets.models.get(id).path("_model_name").asText()
                .equals(name)).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + name + " in " + widgets.models));
    }

    @Test
    void strictModeSharesTheWidgetItselfWithEveryCell() {
        run("mode", "%mode strict");
        run("w", "var n$ = slider(0, 10, 3);\nSystem.out.println(System.identityHashCode(n$));\nn$");
        String id = shown("w").lines().findFirst().orElseThrow();
        run("same", "System.out.println((System.identityHashCode(n$) + \"\").equals(\"" + id + "\") + \" \" + n$.value());");
        assertEquals("true 3", shown("same").strip());
        widgets.settle(widgets.update(modelNamed("IntSliderModel"), Map.of("value", 8)));
        assertEquals("true 8", shown("same").strip(), "the reader re-ran with the one shared slider");
        run("relaxed", "%mode relaxed");
    }

    @Test
    void lazyModeMarksTheReadersStaleInsteadOfRunningThem() {
        String model = sliderNotebook();
        run("lazy", "%reactive lazy");
        widgets.settle(widgets.update(model, Map.of("value", 4)));
        assertTrue(shown("sq").contains("sq = 9") && shown("sq").contains("stale"), shown("sq"));
        run("on", "%reactive on");
    }

    @Test
    void bufferFramesAfterTheContentAreAccepted() {
        String model = sliderNotebook();
        List<byte[]> frames = new java.util.ArrayList<>(client.encode(client.header("comm_msg"), Map.of("comm_id", model,
                "data", Map.of("method", "update", "state", Map.of("value", 7), "buffer_paths", List.of(List.of("extra")))),
                Map.of()));
        frames.add(new byte[] {1, 2, 3});
        String msgId = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(
                decodeHeader(frames), JsonNode.class).path("msg_id").asText();
        client.sendRaw(Channel.SHELL, frames);
        List<Message> iopub = widgets.settle(msgId);
        assertEquals(7, WidgetFrontend.withMethod(iopub, "echo_update").get(0).field("data").path("state").path("value").asInt());
        assertEquals("sq = 49", shown("sq").strip());
    }

    private static JsonNode decodeHeader(List<byte[]> frames) {
        try {
            for (int i = 0; i < frames.size(); i++) {
                if (new String(frames.get(i)).equals("<IDS|MSG>")) {
                    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(frames.get(i + 2));
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no delimiter");
    }


    @Test
    void anOutputWidgetShowsWhatABlockPrintsAndDisplays() {
        KernelClient.Execution run = run("o", "var out$ = output();\nout$.capture(() -> { System.out.println(\"inside\"); display(html(\"<b>shown</b>\")); });\n"
                + "System.out.println(\"outside\");\nout$");
        assertTrue(shown("o").contains("outside") && !shown("o").contains("inside"), "the block's output is not the cell's: " + shown("o"));
        String model = modelNamed("OutputModel");
        JsonNode outputs = widgets.models.get(model).path("outputs");
        assertEquals(List.of(), schema.problems(widgets.models.get(model)));
        assertEquals("stream", outputs.get(0).path("output_type").asText(), outputs.toString());
        assertEquals("inside\n", outputs.get(0).path("text").asText());
        assertEquals("<b>shown</b>", outputs.get(1).path("data").path("text/html").asText(), outputs.toString());
        run("o2", "out$.clear();");
        assertEquals(0, widgets.models.get(model).path("outputs").size());
    }

    @Test
    void interactShowsTheFunctionsResultAgainAtEveryChange() {
        run("i", "var k$ = slider(\"k\", 1, 5, 2);\ninteract(() -> \"k squared is \" + k$.value() * k$.value(), k$)");
        String out = modelNamed("OutputModel");
        assertTrue(widgets.models.get(out).path("outputs").toString().contains("k squared is 4"), widgets.models.get(out).toString());
        String before = shown("i");
        widgets.settle(widgets.update(modelNamed("IntSliderModel"), Map.of("value", 5)));
        assertTrue(widgets.models.get(out).path("outputs").toString().contains("k squared is 25"), widgets.models.get(out).toString());
        assertFalse(widgets.models.get(out).path("outputs").toString().contains("is 4"), "replaced, not appended");
        assertEquals(before, shown("i"), "the cell itself does not run again");
    }

    @Test
    void aListenerThatThrowsShowsItsErrorInTheWidgetsCell() {
        run("l", "var f$ = checkbox(\"f\", false);\nf$.onChange(v -> { throw new IllegalStateException(\"listener broke\"); });\nf$");
        widgets.settle(widgets.update(modelNamed("CheckboxModel"), Map.of("value", true)));
        assertTrue(shown("l").contains("listener broke"), shown("l"));
        KernelClient.Execution after = run("l2", "f$.value()");
        assertEquals("true", after.ofType("execute_result").get(0).field("data").path("text/plain").asText(),
                "the kernel goes on and the value was taken");
    }

    @Test
    void deletingTheWidgetsCellClosesItsComms() {
        run("del", "var gone$ = slider(0, 5, 1);\ngone$");
        String model = modelNamed("IntSliderModel");
        notebook.delete("del" + suffix);
        run("next", "1 + 1");
        assertTrue(widgets.closed.contains(model), "the deleted cell's slider is closed: " + widgets.closed);
    }

    /** A reader whose run is stopped before it reads the widget is still its reader for the next change. */
    @Test
    void aReaderInterruptedBeforeItReadsStaysAReader() {
        run("hold", "boolean hold$ = false;");
        run("w2", "var w2$ = slider(0, 10, 3);\nw2$");
        String model = modelNamed("IntSliderModel");
        run("r2", "if (hold$) { System.out.println(\"r2 holds\"); while (true) { } }\n"
                + "System.out.println(\"r2 sees \" + w2$.value());");
        assertEquals("r2 sees 3", shown("r2").strip());
        // Editing hold re-runs r2, which now loops before it reads the slider; the interrupt stops it there.
        String held = notebook.send("hold" + suffix, "boolean hold" + suffix + " = true;");
        assertNotNull(client.nextMatching(Channel.IOPUB, m -> m.msgType().equals("stream")
                && m.field("text").asText().contains("r2 holds"), Duration.ofSeconds(30)), "r2 re-ran and loops");
        client.awaitReply(Channel.CONTROL, client.send(Channel.CONTROL, "interrupt_request", Map.of()));
        widgets.absorb(notebook.await("hold" + suffix, held).iopub());
        run("off", "%reactive off");
        run("hold", "boolean hold$ = false;");
        run("off", "%reactive on");
        widgets.settle(widgets.update(model, Map.of("value", 5)));
        assertEquals("r2 sees 5", shown("r2").strip(), "the slider's change re-runs r2");
    }

    @Test
    void anInterruptStopsAReaderThatHangsAndTheKernelGoesOn() {
        run("hang", "var h$ = slider(0, 10, 3);\nh$");
        String model = modelNamed("IntSliderModel");
        run("spin", "if (h$.value() == 7) { while (true) { } }\nSystem.out.println(\"spin done \" + h$.value());");
        String update = widgets.update(model, Map.of("value", 7));
        // Once the echo is out, the re-run is about to start or running: the interrupt must stop it.
        client.nextMatching(Channel.IOPUB, m -> m.parentMsgId().equals(update) && m.msgType().equals("comm_msg"),
                Duration.ofSeconds(30));
        client.awaitReply(Channel.CONTROL, client.send(Channel.CONTROL, "interrupt_request", Map.of()));
        widgets.settle(update);
        assertTrue(shown("spin").contains("Interrupted") || shown("spin").contains("re-runs were interrupted"),
                shown("spin"));
        widgets.settle(widgets.update(model, Map.of("value", 2)));
        assertEquals("spin done 2", shown("spin").strip(), "the next change runs the reader again");
    }
}
