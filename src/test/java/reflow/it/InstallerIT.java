package reflow.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar reflow.jar install} as a user runs it, checked on disk and through jupyter_client. */
class InstallerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final InstalledReflow installed = new InstalledReflow();

    @Test
    void relaxedKernelspecRunsTheCopiedJarWithTheInstallingJava() throws IOException {
        Path dir = installed.sandbox().kernels.resolve("reflow");
        JsonNode spec = readKernelJson(dir);
        List<String> argv = argv(spec);
        String context = "kernel.json argv " + argv + "\ninstall output:\n" + installed.sandbox().installation.describe();

        assertEquals(JupyterSandbox.JAVA, argv.get(0), "argv must start with the java that ran install\n" + context);
        assertTrue(Path.of(argv.get(0)).isAbsolute() && Files.isExecutable(Path.of(argv.get(0))), context);
        int jar = argv.indexOf("-jar") + 1;
        assertTrue(jar > 0, "no -jar in " + context);
        assertEquals(dir.resolve("reflow.jar").toString(), argv.get(jar), "jar must be the kernelspec's own copy\n" + context);
        assertArrayEquals(Files.readAllBytes(JupyterSandbox.JAR), Files.readAllBytes(dir.resolve("reflow.jar")),
                "the installed jar must be a copy of target/reflow.jar");
        assertTrue(argv.subList(1, jar - 1).stream().allMatch(flag -> flag.startsWith("-")),
                "only JVM options may come between java and -jar\n" + context);
        assertEquals("{connection_file}", argv.get(argv.size() - 1), context);
        assertFalse(argv.contains("--mode"), "relaxed is the kernel's default mode\n" + context);

        assertEquals("Java (Reflow)", spec.path("display_name").asText());
        assertEquals("java", spec.path("language").asText());
        assertEquals("message", spec.path("interrupt_mode").asText());
        assertEquals("relaxed", spec.path("metadata").path("reflow").path("mode").asText());
    }

    @Test
    void strictKernelspecAddsModeStrictBeforeTheConnectionFile() throws IOException {
        Path dir = installed.sandbox().kernels.resolve("reflow-strict");
        JsonNode spec = readKernelJson(dir);
        List<String> argv = argv(spec);

        assertEquals(JupyterSandbox.JAVA, argv.get(0));
        assertEquals(List.of(dir.resolve("reflow.jar").toString(), "--mode", "strict", "{connection_file}"),
                argv.subList(argv.indexOf("-jar") + 1, argv.size()), "argv " + argv);
        assertTrue(Files.isRegularFile(dir.resolve("reflow.jar")));
        assertEquals("Java (Reflow, strict)", spec.path("display_name").asText());
        assertEquals("java", spec.path("language").asText());
        assertEquals("message", spec.path("interrupt_mode").asText());
        assertEquals("strict", spec.path("metadata").path("reflow").path("mode").asText());
    }

    @Test
    void bothKernelspecsShipLogosOfTheSizesJupyterLooksFor() throws IOException {
        for (String name : List.of("reflow", "reflow-strict")) {
            for (int size : new int[] {32, 64}) {
                Path logo = installed.sandbox().kernels.resolve(name).resolve("logo-" + size + "x" + size + ".png");
                BufferedImage image = ImageIO.read(logo.toFile());
                assertNotNull(image, logo + " is not a readable PNG");
                assertEquals(size, image.getWidth(), logo.toString());
                assertEquals(size, image.getHeight(), logo.toString());
            }
            assertTrue(Files.readString(installed.sandbox().kernels.resolve(name).resolve("logo-svg.svg")).contains("<svg"));
        }
    }

    @Test
    void jupyterListsBothKernelspecs() throws IOException {
        ProcessResult list = installed.sandbox().python(installed.sandbox().root, TIMEOUT, "-m", "jupyter_client.kernelspecapp", "list", "--json");
        assertTrue(list.succeeded(), list.describe());
        JsonNode specs = JSON.readTree(list.stdout()).path("kernelspecs");

        for (String name : List.of("reflow", "reflow-strict")) {
            JsonNode entry = specs.path(name);
            assertFalse(entry.isMissingNode(), name + " is not listed:\n" + list.describe());
            assertEquals(installed.sandbox().kernels.resolve(name).toRealPath(), Path.of(entry.path("resource_dir").asText()).toRealPath());
            assertEquals("java", entry.path("spec").path("language").asText());
        }
        assertEquals("Java (Reflow, strict)", specs.path("reflow-strict").path("spec").path("display_name").asText());
    }

    @Test
    void nameAndDisplayNameOptionsNameBothKernelspecs(@TempDir Path prefix) throws IOException {
        ProcessResult install = install(Map.of(), "--prefix", prefix.toString(), "--name", "java-lab", "--display-name", "Lab Java");
        assertTrue(install.succeeded(), install.describe());
        Path kernels = prefix.resolve("share/jupyter/kernels");

        assertEquals("Lab Java", readKernelJson(kernels.resolve("java-lab")).path("display_name").asText());
        assertEquals("Lab Java (strict)", readKernelJson(kernels.resolve("java-lab-strict")).path("display_name").asText());
        assertTrue(install.stdout().contains(kernels.resolve("java-lab-strict").toString()),
                "install should say where it wrote each kernelspec:\n" + install.describe());
    }

    @Test
    void userInstallIsTheDefaultAndHonoursJupyterDataDir(@TempDir Path dataDir) throws IOException {
        ProcessResult install = install(Map.of("JUPYTER_DATA_DIR", dataDir.toString()));
        assertTrue(install.succeeded(), install.describe());

        assertTrue(Files.isRegularFile(dataDir.resolve("kernels/reflow/kernel.json")), install.describe());
        assertTrue(Files.isRegularFile(dataDir.resolve("kernels/reflow-strict/reflow.jar")), install.describe());
    }

    @Test
    void sysPrefixInstallsIntoThePrefixOfTheJupyterPython(@TempDir Path tmp) throws IOException {
        Path environmentPrefix = tmp.resolve("venv");
        Path fakePython = tmp.resolve("python-with-jupyter");
        // Stands in for the Python that has jupyter_client: it answers the installer's sys.prefix question.
        Files.writeString(fakePython, "#!/bin/sh\necho '" + environmentPrefix + "'\n");
        assertTrue(fakePython.toFile().setExecutable(true));

        ProcessResult install = install(Map.of("REFLOW_PYTHON", fakePython.toString()), "--sys-prefix");
        assertTrue(install.succeeded(), install.describe());
        assertTrue(Files.isRegularFile(environmentPrefix.resolve("share/jupyter/kernels/reflow/kernel.json")),
                install.describe());
    }

    @Test
    void sysPrefixWithoutAnyJupyterPythonExplainsWhatToDo(@TempDir Path emptyPath) {
        ProcessResult install = install(Map.of("PATH", emptyPath.toString()), "--sys-prefix");

        assertEquals(1, install.exitCode(), install.describe());
        assertTrue(install.stderr().contains("REFLOW_PYTHON") && install.stderr().contains("jupyter_client"),
                install.describe());
        assertFalse(install.stderr().contains("\tat "), "no stack trace expected:\n" + install.describe());
    }

    @Test
    void unknownOptionPrintsUsageAndExitCodeTwo() {
        ProcessResult install = install(Map.of(), "--global");

        assertEquals(2, install.exitCode(), install.describe());
        assertTrue(install.stderr().contains("unknown install option '--global'"), install.describe());
        assertTrue(install.stderr().contains("Usage: java -jar reflow.jar install"), install.describe());
    }

    private static ProcessResult install(Map<String, String> environment, String... options) {
        List<String> command = new ArrayList<>(List.of(JupyterSandbox.JAVA, "-jar", JupyterSandbox.JAR.toString(), "install"));
        command.addAll(List.of(options));
        return JupyterSandbox.run(installed.sandbox().root, environment, TIMEOUT, command);
    }

    private static JsonNode readKernelJson(Path kernelspecDir) throws IOException {
        return JSON.readTree(kernelspecDir.resolve("kernel.json").toFile());
    }

    private static List<String> argv(JsonNode spec) {
        List<String> argv = new ArrayList<>();
        spec.path("argv").forEach(word -> argv.add(word.asText()));
        return argv;
    }
}
