package reflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reflow.protocol.Channel;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * Prints what a widget change costs, measured as a frontend sees it: from sending the comm_msg update to the
 * kernel's idle for it, with the echo_update and the reader cell's re-run in between. Beside it, in the same
 * kernel and alternately (so load changes cancel), the user running that reader cell by hand (execute with
 * its cell id, to idle): the widget path's own overhead is the difference. Then a burst of updates sent at
 * once, as a drag without the frontend's throttle would send them: how many re-runs they cost, and how long
 * until the last value is shown. Not a test: nothing is asserted about timings.
 */
public final class WidgetBenchmark {
    private final int warmups = BenchSettings.get("widgetWarmups", 20);
    private final int runs = BenchSettings.get("widgetRuns", 100);
    private final int burst = BenchSettings.get("widgetBurst", 50);

    public static void main(String[] args) throws Exception {
        new WidgetBenchmark().run();
        System.exit(0); // JShell and ZeroMQ leave non-daemon threads behind
    }

    private void run() throws Exception {
        System.out.println("WidgetBenchmark: " + InstalledKernel.describe() + "; " + InstalledKernel.loadAverage());
        try (KernelProcess kernel = InstalledKernel.start();
             KernelClient client = kernel.connect(Duration.ofSeconds(60))) {
            executeCell(client, "w", "var n = slider(0, 1_000_000, 0);\nn");
            String model = sliderModel(client);
            String reader = "long r = n.value() + 1;\nSystem.out.println(\"r = \" + r);";
            executeCell(client, "r", reader);

            Samples change = new Samples();
            Samples byHand = new Samples();
            int value = 0;
            for (int i = 0; i < warmups + runs; i++) {
                long t0 = System.nanoTime();
                update(client, model, ++value);
                long t1 = System.nanoTime();
                executeCell(client, "r", reader);
                long t2 = System.nanoTime();
                if (i >= warmups) {
                    change.add(t1 - t0);
                    byHand.add(t2 - t1);
                }
            }

            List<String> sent = new ArrayList<>();
            long b0 = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                sent.add(client.send(Channel.SHELL, "comm_msg", updateContent(model, ++value)));
            }
            for (String id : sent) {
                client.iopubUntilIdle(id, Duration.ofSeconds(120));
            }
            long burstNanos = System.nanoTime() - b0;
            // Each re-run of the reader replaces its output: one clear_output parented to the reader's request.
            int rerunsInBurst = client.takeReceived(Channel.IOPUB, m -> m.msgType().equals("clear_output")).size();
            System.out.println("finished; " + InstalledKernel.loadAverage());

            FigureTable table = new FigureTable("Widget changes (comm_msg update -> idle, reader cell re-run in place)");
            table.row("a slider change: echo_update + the reader's re-run, to idle", change.medianAndP90());
            table.row("the same reader cell run by hand (execute with its cell id), to idle", byHand.medianAndP90());
            table.row("overhead of the widget path (median difference)",
                    Samples.ms(change.medianMs() - byHand.medianMs()));
            table.row(burst + " updates sent at once: re-runs of the reader", String.valueOf(rerunsInBurst));
            table.row(burst + " updates sent at once: until the last one's idle", Samples.ms(Samples.nanosToMs(burstNanos)));
            table.print();
        }
    }

    private static Map<String, Object> updateContent(String model, int value) {
        return Map.of("comm_id", model, "data", Map.of("method", "update", "state", Map.of("value", value),
                "buffer_paths", List.of()));
    }

    private static void update(KernelClient client, String model, int value) {
        String id = client.send(Channel.SHELL, "comm_msg", updateContent(model, value));
        client.iopubUntilIdle(id, Duration.ofSeconds(60));
        client.takeReceived(Channel.IOPUB, m -> true); // the re-run's output, parented to the reader's request
    }

    private static void executeCell(KernelClient client, String cellId, String code) {
        String id = client.send(Channel.SHELL, "execute_request", KernelClient.executeContent(code),
                Map.of("cellId", cellId, "recordTiming", false, "deletedCells", List.of()));
        KernelClient.Execution run = client.collect(id, Duration.ofSeconds(60));
        if (!run.status().equals("ok")) {
            throw new IllegalStateException(code + " failed: " + run.iopub());
        }
        client.takeReceived(Channel.IOPUB, m -> true);
    }

    private static String sliderModel(KernelClient client) {
        String id = client.send(Channel.SHELL, "comm_info_request", Map.of("target_name", "jupyter.widget"));
        Message reply = client.awaitReply(Channel.SHELL, id);
        String found = null;
        for (var it = reply.field("comms").fieldNames(); it.hasNext(); ) {
            found = it.next(); // the slider is opened after its layout and style: the last one
        }
        return found;
    }
}
