package reflow.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reflow.protocol.Channel;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/** A restart closes every widget comm the kernel opened, so no frontend keeps a model of a dead kernel. */
class WidgetRestartTest {
    @Test
    void aRestartClosesEveryComm() throws Exception {
        try (KernelProcess kernel = KernelProcess.start("reflow.kernel.Main");
             KernelClient client = kernel.connect(Duration.ofSeconds(30))) {
            NotebookFrontend notebook = new NotebookFrontend(client);
            WidgetFrontend widgets = new WidgetFrontend(client, notebook);
            KernelClient.Execution shown = widgets.run("w", "var n = slider(0, 10, 3);\nn");
            assertNotNull(WidgetFrontend.shownModel(shown));
            Set<String> open = Set.copyOf(widgets.models.keySet());
            assertEquals(3, open.size());
            String shutdown = client.send(Channel.CONTROL, "shutdown_request", Map.of("restart", true));
            client.awaitReply(Channel.CONTROL, shutdown);
            List<Message> closes = new java.util.ArrayList<>(client.takeReceived(Channel.IOPUB, m -> m.msgType().equals("comm_close")));
            while (closes.size() < open.size()) {
                Message next = client.nextMatching(Channel.IOPUB, m -> m.msgType().equals("comm_close"), Duration.ofSeconds(10));
                if (next == null) break;
                closes.add(next);
            }
            assertEquals(open, closes.stream().map(m -> m.field("comm_id").asText()).collect(Collectors.toSet()));
        }
    }
}
