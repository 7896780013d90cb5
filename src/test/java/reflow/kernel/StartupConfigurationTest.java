package reflow.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reflow.kernel.maven.StandardRepository;
import reflow.kernel.maven.TestRepository;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * Startup configuration as kernel.json and the environment give it: --classpath (a glob), --maven,
 * --startup, REFLOW_CLASSPATH and REFLOW_JVM_OPTS (the kernel restarts itself in a JVM with them).
 */
class StartupConfigurationTest {
    @TempDir static Path dir;
    private static KernelProcess kernel;
    private static KernelClient client;

    @BeforeAll
    static void start() throws Exception {
        TestRepository repo = StandardRepository.build(dir.resolve("repo"));
        Path libs = Files.createDirectories(dir.resolve("libs"));
        new TestRepository(dir.resolve("tools")).library("x:tool:1.0", "", TestRepository.idClass("tstart.Tool", "tool"))
                .library("x:envtool:1.0", "", TestRepository.idClass("tenv.EnvTool", "env tool"));
        Files.copy(dir.resolve("tools/x/tool/1.0/tool-1.0.jar"), libs.resolve("tool-1.0.jar"));
        Path settings = Files.writeString(dir.resolve("settings.xml"), TestRepository.settingsXml(dir.resolve("local"),
                "test", repo.url(), false, java.util.Map.of()));
        Path init = Files.writeString(dir.resolve("init.jsh"),
                "int startupValue = 41;\nString greet(String who) { return \"hi \" + who; }\n");
        kernel = KernelProcess.builder("reflow.kernel.Main")
                .args("--classpath", libs + "/*.jar", "--maven", "t:core:1.0", "--startup", init.toString())
                .env("REFLOW_MAVEN_SETTINGS", settings.toString())
                .env("REFLOW_CLASSPATH", dir.resolve("tools/x/envtool/1.0/envtool-1.0.jar").toString())
                .env("REFLOW_JVM_OPTS", "-Dreflow.test.flag=on -Xss2m")
                .start();
        client = kernel.connect(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (kernel != null) kernel.close();
    }

    private static String result(String code) {
        KernelClient.Execution run = client.collect(client.execute(code), Duration.ofSeconds(60));
        List<Message> results = run.ofType("execute_result");
        assertEquals(1, results.size(), () -> run.iopub() + "\n" + kernel.stderr());
        return results.get(0).field("data").path("text/plain").asText();
    }

    @Test
    void everythingIsThereBeforeTheFirstCell() {
        assertEquals("42", result("startupValue + 1"));
        assertEquals("hi you", result("greet(\"you\")"));
        assertEquals("core 1.0", result("tcore.Core.id()"));
        assertEquals("tool / env tool", result("tstart.Tool.id() + \" / \" + tenv.EnvTool.id()"));
        assertEquals("on", result("System.getProperty(\"reflow.test.flag\")"));
    }

    @Test
    void varsListsStartupAndCellVariables() {
        client.collect(client.execute("var primes = List.of(2, 3, 5);"), Duration.ofSeconds(30));
        KernelClient.Execution vars = client.collect(client.execute("%vars"), Duration.ofSeconds(30));
        String table = vars.ofType("display_data").get(0).field("data").path("text/plain").asText();
        assertTrue(table.matches("(?s).*startupValue\\s+int\\s+.*41.*"), table);
        assertTrue(table.matches("(?s).*primes\\s+List<Integer>\\s+.*\\[2, 3, 5].*"), table);
        assertTrue(vars.ofType("display_data").get(0).field("data").path("text/html").asText().contains("<table>"));
    }

    @Test
    void helpPrintsUsage() throws Exception {
        Process help = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "reflow.kernel.Main", "--help")
                .redirectErrorStream(true).start();
        String out = new String(help.getInputStream().readAllBytes());
        assertTrue(help.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue(), out);
        assertTrue(out.contains("Usage") && out.contains("--startup") && out.contains("REFLOW_JVM_OPTS"), out);
        assertFalse(out.contains("Exception"), out);
    }
}
