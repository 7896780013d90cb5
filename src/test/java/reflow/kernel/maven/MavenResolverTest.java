package reflow.kernel.maven;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real resolver against a real repository layout on disk (and over HTTP with credentials). */
class MavenResolverTest {
    @TempDir static Path dir;
    static TestRepository repo;

    @BeforeAll
    static void buildRepository() {
        repo = StandardRepository.build(dir.resolve("repo"));
    }

    private static MavenSettings settings(Path local, String mirrorUrl, boolean offline) {
        return new MavenSettings(local, offline, List.of(new MavenSettings.Mirror("test", mirrorUrl, "*")),
                List.of(), List.of(), List.of(), List.of());
    }

    private static Resolution resolve(MavenResolver resolver, String... coordinates) throws ResolutionException {
        return resolver.resolve(List.of(coordinates).stream().map(c -> new Dependency(Coordinates.parse(c), "compile")).toList(),
                List.of(), line -> { });
    }

    private static List<String> ids(Resolution r) {
        return r.artifacts().stream().map(a -> Coordinates.describe(a.artifact())).toList();
    }

    @Test
    void transitiveTreeFollowsMavenRules() throws Exception {
        try (MavenResolver resolver = new MavenResolver(settings(Files.createTempDirectory(dir, "local"), repo.url(), false))) {
            Resolution r = resolve(resolver, "t:app:1.0");
            List<String> ids = ids(r);
            assertTrue(ids.containsAll(List.of("t:app:1.0", "t:lib:1.0", "t:mid:1.0", "t:deep:1.0", "t:rt:1.0")), ids.toString());
            assertTrue(ids.contains("t:core:1.0"), "nearest (depth 2) wins over depth 3: " + ids);
            assertFalse(ids.contains("t:core:2.0"), ids.toString());
            assertFalse(ids.stream().anyMatch(i -> i.startsWith("t:opt:")), "optional dependency of a dependency: " + ids);
            assertFalse(ids.stream().anyMatch(i -> i.startsWith("t:testonly:") || i.startsWith("t:prov:")), ids.toString());
            assertEquals(List.of("t:app:1.0"), r.topLevel().stream().map(Coordinates::describe).toList());
            assertTrue(r.jars().stream().allMatch(Files::isRegularFile));
        }
    }

    @Test
    void bomImportGivesTheVersion() throws Exception {
        try (MavenResolver resolver = new MavenResolver(settings(Files.createTempDirectory(dir, "local"), repo.url(), false))) {
            List<String> ids = ids(resolve(resolver, "t:usesbom:1.0"));
            assertTrue(ids.contains("t:core:2.0"), ids.toString());
        }
    }

    @Test
    void classifierAndExclusions() throws Exception {
        try (MavenResolver resolver = new MavenResolver(settings(Files.createTempDirectory(dir, "local"), repo.url(), false))) {
            Resolution r = resolve(resolver, "t:native:1.0:linux");
            assertEquals("native-1.0-linux.jar", r.jars().get(0).getFileName().toString());
            Artifact app = Coordinates.parse("t:app:1.0");
            Resolution excluded = resolver.resolve(List.of(new Dependency(app, "compile", false,
                    List.of(new Exclusion("t", "mid", "*", "*")))), List.of(), line -> { });
            assertFalse(ids(excluded).stream().anyMatch(i -> i.startsWith("t:mid:") || i.startsWith("t:deep:")), ids(excluded).toString());
        }
    }

    @Test
    void unknownCoordinatesNameWhatAndWhere() throws Exception {
        try (MavenResolver resolver = new MavenResolver(settings(Files.createTempDirectory(dir, "local"), repo.url(), false))) {
            ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(resolver, "t:nosuch:9.9"));
            assertTrue(e.getMessage().contains("t:nosuch:9.9"), e.getMessage());
            assertTrue(e.getMessage().contains(repo.url()), e.getMessage());
            assertTrue(e.getMessage().contains("Nothing was added"), e.getMessage());
        }
    }

    @Test
    void checksumMismatchFails() throws Exception {
        TestRepository bad = new TestRepository(dir.resolve("badrepo"));
        bad.library("t:tampered:1.0", "", TestRepository.idClass("ttamp.T", "t"));
        bad.corruptChecksum("t:tampered:1.0");
        try (MavenResolver resolver = new MavenResolver(settings(Files.createTempDirectory(dir, "local"), bad.url(), false))) {
            ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(resolver, "t:tampered:1.0"));
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        }
    }

    @Test
    void aRestartedKernelReusesTheTreeWhileItsJarsAreThere() throws Exception {
        Path local = Files.createTempDirectory(dir, "local");
        List<String> first;
        try (MavenResolver resolver = new MavenResolver(settings(local, repo.url(), false))) {
            Resolution r = resolve(resolver, "t:app:1.0");
            assertFalse(r.remembered());
            first = ids(r);
        }
        try (MavenResolver restarted = new MavenResolver(settings(local, repo.url(), false))) {
            Resolution r = resolve(restarted, "t:app:1.0");
            assertTrue(r.remembered());
            assertEquals(first, ids(r));
            assertEquals(List.of("t:app:1.0"), r.topLevel().stream().map(Coordinates::describe).toList());
            assertFalse(resolve(restarted, "t:lib:1.0").remembered(), "another request is resolved");
        }
        Files.delete(local.resolve("t/core/1.0/core-1.0.jar"));
        try (MavenResolver afterCleanup = new MavenResolver(settings(local, repo.url(), false))) {
            Resolution r = resolve(afterCleanup, "t:app:1.0");
            assertFalse(r.remembered(), "a jar is gone: resolve (and download) again");
            assertTrue(r.jars().stream().allMatch(Files::isRegularFile));
        }
    }

    @Test
    void unreachableRepositoryIsNamedAsNoNetwork() throws Exception {
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + closed.getLocalPort() + "/maven2/";
            closed.close(); // nothing listens there now: connection refused, as without a network
            try (MavenResolver resolver = new MavenResolver(settings(Files.createTempDirectory(dir, "local"), url, false))) {
                ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(resolver, "t:lib:1.0"));
                assertTrue(e.getMessage().contains("no network connection") && e.getMessage().contains(url), e.getMessage());
            }
        }
    }

    @Test
    void offlineUsesTheLocalRepository() throws Exception {
        Path local = Files.createTempDirectory(dir, "local");
        try (MavenResolver online = new MavenResolver(settings(local, repo.url(), false))) {
            resolve(online, "t:app:1.0");
        }
        String gone = dir.resolve("no-such-repo").toUri().toString();
        try (MavenResolver offline = new MavenResolver(settings(local, gone, true))) {
            assertTrue(ids(resolve(offline, "t:app:1.0")).contains("t:core:1.0"));
            ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(offline, "t:usesbom:1.0"));
            assertTrue(e.getMessage().contains("offline"), e.getMessage());
        }
    }

    @Test
    void passwordProtectedHttpRepository() throws Exception {
        try (AuthRepositoryServer server = new AuthRepositoryServer(repo.root(), "alice", "s3cret")) {
            Path local = Files.createTempDirectory(dir, "local");
            MavenSettings withCredentials = new MavenSettings(local, false,
                    List.of(new MavenSettings.Mirror("private", server.url(), "*")), List.of(),
                    List.of(new MavenSettings.Server("private", "alice", "s3cret")), List.of(), List.of());
            try (MavenResolver resolver = new MavenResolver(withCredentials)) {
                assertTrue(ids(resolve(resolver, "t:lib:1.0")).contains("t:core:1.0"));
            }
            MavenSettings wrong = new MavenSettings(Files.createTempDirectory(dir, "local"), false,
                    List.of(new MavenSettings.Mirror("private", server.url(), "*")), List.of(),
                    List.of(new MavenSettings.Server("private", "alice", "wrong")), List.of(), List.of());
            try (MavenResolver resolver = new MavenResolver(wrong)) {
                ResolutionException e = assertThrows(ResolutionException.class, () -> resolve(resolver, "t:lib:1.0"));
                assertTrue(e.getMessage().contains("401"), e.getMessage());
                assertTrue(e.getMessage().contains(server.url()), e.getMessage());
            }
        }
    }

    @Test
    void settingsFileIsRead() throws Exception {
        Path home = Files.createTempDirectory(dir, "home");
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), TestRepository.settingsXml(Path.of("${user.home}/repo"),
                "m", "https://example.invalid/maven2", true, Map.of("m", new String[] {"u", "${env.PASS}"})));
        MavenSettings s = MavenSettings.load(Map.of("PASS", "pw"), home);
        assertEquals(home.resolve("repo"), s.localRepository());
        assertTrue(s.offline());
        assertEquals("https://example.invalid/maven2", s.mirrors().get(0).url());
        assertEquals("pw", s.server("m").password());
        Path other = home.resolve("other.xml");
        Files.writeString(other, "<settings><localRepository>/x/y</localRepository></settings>");
        assertEquals(Path.of("/x/y"), MavenSettings.load(Map.of(MavenSettings.SETTINGS_VARIABLE, other.toString()), home).localRepository());
    }

    @Test
    void coordinateForms() {
        assertEquals("t:a:jar:linux:1.0", Coordinates.describe(Coordinates.parse("t:a:1.0:linux")));
        assertEquals("t:a:jar:linux:1.0", Coordinates.describe(Coordinates.parse("t:a:jar:linux:1.0")));
        assertEquals("t:a:pom:1.0", Coordinates.describe(Coordinates.parse("t:a:1.0@pom")));
        assertEquals("t:a:zip:1.0", Coordinates.describe(Coordinates.parse("t:a:zip:1.0")));
        assertEquals("t:a:jar:tests:1.0", Coordinates.describe(Coordinates.parse("t:a:1.0@test-jar")));
        assertThrows(IllegalArgumentException.class, () -> Coordinates.parse("t:a"));
        assertThrows(IllegalArgumentException.class, () -> Coordinates.parse("t a:b:1"));
    }
}
