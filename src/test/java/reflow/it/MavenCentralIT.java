package reflow.it;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * The shaded jar resolving real artifacts from Maven Central into a private local repository, using them
 * in cells, then a second kernel with an offline settings.xml resolving the same from that cache.
 */
class MavenCentralIT {
    private static final String TEXT = "org.apache.commons:commons-text:1.12.0";

    @TempDir Path dir;

    private KernelProcess kernel(Path settings) throws Exception {
        return KernelProcess.builder("reflow.kernel.Main").classPath(Path.of("target/reflow.jar").toAbsolutePath().toString())
                .env("REFLOW_MAVEN_SETTINGS", settings.toString()).start();
    }

    private static KernelClient.Execution run(KernelClient client, String code) {
        return client.collect(client.execute(code), Duration.ofSeconds(180));
    }

    private static String shown(KernelClient.Execution run) {
        List<Message> updates = run.ofType("update_display_data");
        Message last = updates.isEmpty() ? run.ofType("display_data").get(0) : updates.get(updates.size() - 1);
        return last.field("data").path("text/plain").asText();
    }

    private static String result(KernelClient.Execution run) {
        assertEquals(1, run.ofType("execute_result").size(), run.iopub()::toString);
        return run.ofType("execute_result").get(0).field("data").path("text/plain").asText();
    }

    @Test
    void resolvesFromCentralThenOfflineFromTheCache() throws Exception {
        Path local = dir.resolve("local");
        Path online = Files.writeString(dir.resolve("online.xml"),
                "<settings><localRepository>" + local + "</localRepository></settings>");
        try (KernelProcess kernel = kernel(online); KernelClient client = kernel.connect(Duration.ofSeconds(60))) {
            KernelClient.Execution added = run(client, "%maven " + TEXT);
            assertEquals("ok", added.status(), () -> added.iopub() + "\n" + kernel.stderr());
            assertTrue(shown(added).startsWith("Added 2 jars"), shown(added));
            assertTrue(shown(added).contains("org.apache.commons:commons-lang3:"), shown(added));
            assertEquals("Hello Reflow", result(run(client,
                    "import org.apache.commons.text.WordUtils;\nWordUtils.capitalizeFully(\"hello reflow\")")));
            assertTrue(shown(run(client, "%maven " + TEXT)).startsWith("Already on the classpath"));
            // The kernel's own Jackson is relocated inside reflow.jar: the notebook gets the version it asks for.
            assertEquals("ok", run(client, "%maven com.fasterxml.jackson.core:jackson-core:2.15.0").status());
            assertEquals("2.15.0", result(run(client, "com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString()")));
        }
        Path offline = Files.writeString(dir.resolve("offline.xml"), "<settings><localRepository>" + local
                + "</localRepository><offline>true</offline></settings>");
        try (KernelProcess kernel = kernel(offline); KernelClient client = kernel.connect(Duration.ofSeconds(60))) {
            KernelClient.Execution again = run(client, "%maven " + TEXT);
            assertEquals("ok", again.status(), () -> again.iopub() + "\n" + kernel.stderr());
            assertTrue(shown(again).startsWith("Added 2 jars"), shown(again));
            assertEquals("Hello Again", result(run(client,
                    "org.apache.commons.text.WordUtils.capitalizeFully(\"hello again\")")));
            String missing = run(client, "%maven org.apache.commons:commons-csv:1.11.0").ofType("error").get(0)
                    .field("evalue").asText();
            assertTrue(missing.contains("offline") && missing.contains("commons-csv"), missing);
        }
    }
}
