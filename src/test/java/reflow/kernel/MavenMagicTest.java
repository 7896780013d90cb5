package reflow.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reflow.kernel.maven.AuthRepositoryServer;
import reflow.kernel.maven.StandardRepository;
import reflow.kernel.maven.TestRepository;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * %maven through the real kernel over ZeroMQ: a file: repository standing in for Central (a mirror in a
 * private settings.xml, private local repository), and a password-protected HTTP repository.
 */
class MavenMagicTest {
    @TempDir static Path dir;
    private static KernelProcess kernel;
    private static KernelClient client;
    private static AuthRepositoryServer privateRepo;

    @BeforeAll
    static void start() throws Exception {
        TestRepository repo = StandardRepository.build(dir.resolve("repo"));
        TestRepository secret = new TestRepository(dir.resolve("secret"));
        secret.library("p:hidden:1.0", "", TestRepository.idClass("phidden.Hidden", "behind a password"));
        privateRepo = new AuthRepositoryServer(secret.root(), "alice", "s3cret");
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, "<settings><localRepository>" + dir.resolve("local") + "</localRepository>"
                + "<mirrors><mirror><id>test</id><url>" + repo.url() + "</url><mirrorOf>central</mirrorOf></mirror></mirrors>"
                + "<servers><server><id>private</id><username>alice</username><password>s3cret</password></server>"
                + "</servers></settings>");
        kernel = KernelProcess.builder("reflow.kernel.Main").env("REFLOW_MAVEN_SETTINGS", settings.toString()).start();
        client = kernel.connect(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (kernel != null) kernel.close();
        if (privateRepo != null) privateRepo.close();
    }

    private static KernelClient.Execution run(String code) {
        return client.collect(client.execute(code), Duration.ofSeconds(60));
    }

    private static String result(KernelClient.Execution run) {
        List<Message> results = run.ofType("execute_result");
        assertEquals(1, results.size(), () -> "one execute_result expected: " + run.iopub() + "\n" + kernel.stderr());
        return results.get(0).field("data").path("text/plain").asText();
    }

    private static String error(KernelClient.Execution run) {
        assertEquals("error", run.status(), () -> run.iopub().toString());
        return run.ofType("error").get(0).field("evalue").asText();
    }

    /** The text of the magic's progress display as last updated. */
    private static String shown(KernelClient.Execution run) {
        List<Message> updates = run.ofType("update_display_data");
        Message last = updates.isEmpty() ? run.ofType("display_data").get(0) : updates.get(updates.size() - 1);
        return last.field("data").path("text/plain").asText();
    }

    @Test
    void resolvesTransitivelyAndCellsUseIt() {
        KernelClient.Execution added = run("%maven t:app:1.0");
        assertEquals("ok", added.status(), () -> added.iopub().toString());
        String displayId = added.ofType("display_data").get(0).field("transient").path("display_id").asText();
        assertFalse(displayId.isEmpty());
        assertEquals(displayId, added.ofType("update_display_data").get(0).field("transient").path("display_id").asText());
        String summary = shown(added);
        assertTrue(summary.startsWith("Added 6 jars"), summary);
        assertTrue(summary.contains("t:app:1.0") && summary.contains("t:core:1.0"), summary);
        assertEquals("app 1.0 lib uses core 1.0", result(run("tapp.App.id() + \" \" + tlib.Lib.id()")));
        String id = client.send(reflow.protocol.Channel.SHELL, "complete_request", java.util.Map.of("code", "tapp.Ap", "cursor_pos", 7));
        Message completion = client.awaitReply(reflow.protocol.Channel.SHELL, id);
        assertTrue(completion.field("matches").toString().contains("App"), completion.content().toString());
        client.iopubUntilIdle(id);

        String again = shown(run("%maven t:app:1.0"));
        assertTrue(again.startsWith("Already on the classpath"), again);

        String refused = error(run("%maven t:app:2.0"));
        assertTrue(refused.contains("2.0") && refused.contains("1.0") && refused.contains("Restart"), refused);
        assertEquals("app 1.0", result(run("tapp.App.id()")));
    }

    @Test
    void cellThatMissedAClassRerunsWhenMavenBringsIt() {
        NotebookFrontend lab = new NotebookFrontend(client);
        KernelClient.Execution failed = lab.run("uses-late", "String lateId = tlate.Late.id();\nlateId");
        assertEquals("error", failed.status());
        assertTrue(lab.shown("uses-late").contains("tlate"), lab.shown("uses-late"));
        lab.run("shows-late", "lateId.toUpperCase()");
        KernelClient.Execution maven = lab.run("maven", "%maven t:late:1.0");
        assertEquals("ok", maven.status(), () -> maven.iopub().toString());
        assertTrue(lab.shown("uses-late").contains("late") && !lab.shown("uses-late").contains("cannot find symbol"),
                lab.shown("uses-late"));
        int count = failed.reply().field("execution_count").asInt();
        assertTrue(NotebookFrontend.reports(maven).contains("re-ran [" + count + "]"), NotebookFrontend.reports(maven));
        assertTrue(lab.shown("shows-late").contains("LATE"), lab.shown("shows-late"));
    }

    @Test
    void pomCellWithPropertiesBomImportAndScopes() throws Exception {
        KernelClient.Execution pom = run("""
                %%pom
                <project>
                  <properties><prop.version>1.0</prop.version></properties>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>t</groupId><artifactId>bom2</artifactId><version>1.0</version>
                      <type>pom</type><scope>import</scope></dependency>
                  </dependencies></dependencyManagement>
                  <dependencies>
                    <dependency><groupId>t</groupId><artifactId>bommed</artifactId></dependency>
                    <dependency><groupId>t</groupId><artifactId>propdep</artifactId><version>${prop.version}</version></dependency>
                    <dependency><groupId>t</groupId><artifactId>testonly</artifactId><version>1.0</version><scope>test</scope></dependency>
                  </dependencies>
                </project>""");
        assertEquals("ok", pom.status(), () -> pom.iopub().toString());
        assertTrue(shown(pom).contains("t:bommed:1.5") && shown(pom).contains("t:propdep:1.0"), shown(pom));
        assertEquals("bommed 1.5 prop", result(run("tbommed.Bommed.id() + \" \" + tprop.Prop.id()")));
        assertTrue(error(run("ttest.TestOnly.id()")).contains("ttest"));

        Path file = Files.writeString(dir.resolve("pom-fragment.xml"),
                "<dependencies>" + TestRepository.dep("t:frompom:1.0") + "</dependencies>");
        assertEquals("ok", run("%pom " + file).status());
        assertEquals("from a pom file", result(run("tfrompom.FromPom.id()")));
        assertTrue(error(run("%%pom\n<dependencies><dependency>")).contains("not a POM"));
    }

    @Test
    void failureAddsNothing() {
        String message = error(run("%maven t:opt:1.0 t:nosuch:3.1"));
        assertTrue(message.contains("t:nosuch:3.1") && message.contains("Repositories tried"), message);
        String compile = error(run("topt.Opt.id()"));
        assertTrue(compile.contains("topt"), compile);
        assertTrue(error(run("%maven not-a-coordinate")).contains("not a Maven coordinate"));
        assertEquals("2", result(run("1 + 1")));
    }

    @Test
    void magicThenJavaInOneCell() {
        assertEquals("linux", result(run("%maven t:native:1.0:linux\nimport tnative.Linux;\n\nLinux.id()")));
    }

    @Test
    void contextClassLoaderSeesAddedJars() {
        KernelClient.Execution run = run("""
                %maven t:svc-impl:1.0
                String[] seen = new String[1];
                Thread t = new Thread(() -> seen[0] = ServiceLoader.load(tsvc.Greeter.class).findFirst().map(tsvc.Greeter::greet).orElse("none"));
                t.start();
                t.join();
                ServiceLoader.load(tsvc.Greeter.class).findFirst().get().greet() + " / thread: " + seen[0]""");
        assertEquals("hello from a service / thread: hello from a service", result(run));
    }

    @Test
    void passwordProtectedRepositoryWithCredentialsFromSettings() {
        KernelClient.Execution repo = run("%mavenRepo private " + privateRepo.url());
        assertTrue(shown(repo).contains("Credentials from settings.xml"), shown(repo));
        assertEquals("ok", run("%maven p:hidden:1.0").status());
        assertEquals("behind a password", result(run("phidden.Hidden.id()")));
    }

    @Test
    void javaTimeIsImportedAndAMissingImportIsNamed() {
        assertEquals("2024-03-01", result(run("LocalDate.of(2024, 2, 29).plusDays(1)")));
        KernelClient.Execution jdk = run("var entry = new ZipEntry(\"a.txt\");");
        String trace = jdk.ofType("error").get(0).field("traceback").toString();
        assertTrue(trace.contains("import java.util.zip.ZipEntry;"), trace);
        KernelClient.Execution library = run("%maven t:native:1.0\nPlain.id()");
        String libraryTrace = library.ofType("error").get(0).field("traceback").toString();
        assertTrue(libraryTrace.contains("import tnative.Plain;"), libraryTrace);
        assertEquals("plain", result(run("import tnative.Plain;\nPlain.id()")));
    }

    @Test
    void loadRunsFilesAndNotebookCells() throws Exception {
        Path jsh = Files.writeString(dir.resolve("helpers.jsh"), "int loadedBase = 40;\nint twice(int x) { return 2 * x; }\n");
        Path notebook = Files.writeString(dir.resolve("other.ipynb"), """
                {"cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["# not code"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null,
                   "source": ["int loadedA = 1;\\n", "int loadedB = twice(loadedA);"]},
                  {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, "source": "String loadedText = \\"x\\";"}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");
        assertEquals("43", result(run("%load " + jsh + "\n%load " + notebook + "\nloadedBase + loadedB + loadedA")));
        Path broken = Files.writeString(dir.resolve("broken.jsh"), "int fine = 1;\nint broken = nothingHere;\n");
        KernelClient.Execution failed = run("%load " + broken);
        assertTrue(error(failed).contains("broken.jsh"), error(failed));
        String trace = failed.ofType("error").get(0).field("traceback").toString();
        assertTrue(trace.contains("nothingHere"), trace);
    }

    @Test
    void timeAndHelp() {
        KernelClient.Execution timed = run("%%time\nint timedValue = 6 * 7;\nSystem.out.println(timedValue);");
        assertEquals("ok", timed.status());
        assertTrue(timed.stream("stdout").matches("(?s)42\nWall time: [0-9.]+ m?s, CPU time: [0-9.]+ m?s.*"), timed.stream("stdout"));
        KernelClient.Execution line = run("%time 2 * 21");
        assertEquals("42", result(line));
        assertTrue(line.stream("stdout").startsWith("Wall time"), line.stream("stdout"));
        String list = shown(run("%lsmagic"));
        assertTrue(list.contains("%maven") && list.contains("%mavenRepo") && list.contains("%%time"), list);
        String help = shown(run("%maven --help"));
        assertTrue(help.contains("settings.xml") && help.contains("--exclude"), help);
        assertTrue(error(run("%%nosuch\nx")).contains("unknown magic %%nosuch"));
    }
}
