package reflow.kernel.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelspecInstallerTest {

    @Test
    void installsRelaxedAndStrictWithAbsolutePaths(@TempDir Path tmp) throws IOException {
        Path jar = Files.writeString(tmp.resolve("reflow-build.jar"), "not really a jar");
        Path java = Path.of("/opt/jdk-21/bin/java");
        Path kernels = tmp.resolve("kernels");

        List<KernelspecInstaller.InstalledKernelspec> installed =
                new KernelspecInstaller(java, jar).install(kernels, "reflow", "Java (Reflow)");

        assertEquals(List.of("reflow", "reflow-strict"), installed.stream().map(KernelspecInstaller.InstalledKernelspec::name).toList());
        JsonNode strict = new ObjectMapper().readTree(kernels.resolve("reflow-strict/kernel.json").toFile());
        List<String> argv = new java.util.ArrayList<>();
        strict.path("argv").forEach(word -> argv.add(word.asText()));
        assertEquals("/opt/jdk-21/bin/java", argv.get(0));
        assertEquals(List.of("-jar", kernels.resolve("reflow-strict/reflow.jar").toString(), "--mode", "strict", "{connection_file}"),
                argv.subList(argv.size() - 5, argv.size()));
        assertEquals(installed.get(1).argv(), argv);
        assertEquals("not really a jar", Files.readString(kernels.resolve("reflow/reflow.jar")));
        assertTrue(Files.exists(kernels.resolve("reflow/logo-64x64.png")));
        assertTrue(Files.notExists(kernels.resolve("reflow/reflow.jar.tmp")));
    }

    @Test
    void recordsJvmArgsEnvironmentAndKernelArguments(@TempDir Path tmp) throws IOException {
        Path jar = Files.writeString(tmp.resolve("reflow-build.jar"), "not really a jar");
        Path kernels = tmp.resolve("kernels");
        InstallArguments arguments = InstallArguments.parse("--jvm-arg", "-Xmx3g", "--env", "GREETING=a=b",
                "--classpath", "/libs/*.jar", "--maven", "g:a:1.0", "--startup", "/nb/init.jsh", "--jvm-arg", "-Dx=y");
        new KernelspecInstaller(Path.of("/jdk/bin/java"), jar).install(kernels, "reflow", "Java (Reflow)", arguments.options());
        for (String name : List.of("reflow", "reflow-strict")) {
            JsonNode spec = new ObjectMapper().readTree(kernels.resolve(name + "/kernel.json").toFile());
            List<String> argv = new java.util.ArrayList<>();
            spec.path("argv").forEach(word -> argv.add(word.asText()));
            int jar1 = argv.indexOf("-jar");
            assertEquals(List.of("-Xmx3g", "-Dx=y"), argv.subList(jar1 - 2, jar1), argv.toString());
            assertEquals(List.of("--classpath", "/libs/*.jar", "--maven", "g:a:1.0", "--startup", "/nb/init.jsh",
                    "{connection_file}"), argv.subList(argv.size() - 7, argv.size()), argv.toString());
            assertEquals("a=b", spec.path("env").path("GREETING").asText());
        }
    }

    @Test
    void reinstallingReplacesTheJar(@TempDir Path tmp) throws IOException {
        Path jar = Files.writeString(tmp.resolve("a.jar"), "first build");
        Path kernels = tmp.resolve("kernels");
        new KernelspecInstaller(Path.of("/jdk/bin/java"), jar).install(kernels, "reflow", "Java (Reflow)");
        Files.writeString(jar, "second build");
        new KernelspecInstaller(Path.of("/jdk/bin/java"), jar).install(kernels, "reflow", "Java (Reflow)");
        assertEquals("second build", Files.readString(kernels.resolve("reflow-strict/reflow.jar")));
    }

    @Test
    void strictDisplayNameJoinsAnExistingParenthesis() {
        assertEquals("Java (Reflow, strict)", KernelspecInstaller.strictDisplayName("Java (Reflow)"));
        assertEquals("Lab Java (strict)", KernelspecInstaller.strictDisplayName("Lab Java"));
    }
}
