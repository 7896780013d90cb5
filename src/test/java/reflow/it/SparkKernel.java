package reflow.it;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;
import reflow.testing.KernelspecFlags;

/** The shaded kernel jar with the kernelspec's JVM flags, and what a Spark test reads from its cells. */
final class SparkKernel implements AutoCloseable {
    /** Spark's first session and first job each take tens of seconds on a busy 2-core machine. */
    static final Duration CELL_TIMEOUT = Duration.ofMinutes(5);

    final KernelProcess process;
    final KernelClient client;

    SparkKernel() throws Exception {
        String[] systemProperties = KernelspecFlags.JVM.stream().filter(f -> f.startsWith("-D")).toArray(String[]::new);
        process = KernelProcess.builder("reflow.kernel.Main")
                .classPath(Path.of("target/reflow.jar").toAbsolutePath().toString())
                .jvmArgs(systemProperties)
                .start();
        client = process.connect(Duration.ofSeconds(120));
    }

    KernelClient.Execution run(String code) {
        return client.collect(client.execute(code), CELL_TIMEOUT);
    }

    /** Runs a cell that must succeed; the failure message has the outputs and the kernel's log. */
    KernelClient.Execution ok(String code) {
        KernelClient.Execution run = run(code);
        assertEquals("ok", run.status(), () -> code + "\n" + run.iopub() + "\n" + process.stderr());
        return run;
    }

    static String result(KernelClient.Execution run) {
        List<Message> results = run.ofType("execute_result");
        assertEquals(1, results.size(), run.iopub()::toString);
        return results.get(0).field("data").path("text/plain").asText();
    }

    static String html(KernelClient.Execution run) {
        return run.ofType("execute_result").get(0).field("data").path("text/html").asText();
    }

    /** Every text/plain the cell displayed or updated in place, in order. */
    static List<String> displays(KernelClient.Execution run) {
        return run.iopub().stream()
                .filter(m -> m.msgType().equals("display_data") || m.msgType().equals("update_display_data"))
                .map(m -> m.field("data").path("text/plain").asText())
                .collect(Collectors.toList());
    }

    /** stdout and stderr of the cell. */
    static String streams(KernelClient.Execution run) {
        return run.stream("stdout") + run.stream("stderr");
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            process.close();
        }
    }
}
