package reflow.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JupyterLab notebook page of {@code src/test/browser}, built with npm and webpack, and cached so that
 * only the first run pays for it: {@code target/browser-ui/<lockfile hash>/} holds the npm dependencies
 * ({@code npm ci}, so exactly the versions in package-lock.json) and, under {@code bundle-<sources hash>},
 * the bundle. A changed lockfile means a fresh install (older installs are removed); a changed page,
 * webpack config or driver only a rebuild.
 */
final class BrowserUi {
    static final Path SOURCES = JupyterSandbox.BASEDIR.resolve("src").resolve("test").resolve("browser");
    private static final Path CACHE = JupyterSandbox.BASEDIR.resolve("target").resolve("browser-ui");
    /** What the bundle is built from, besides the npm dependencies; the driver is copied, not built. */
    private static final List<String> BUILD_INPUTS = List.of("build.js", "webpack.config.js", "page");
    private static final List<String> COPIED = List.of("build.js", "webpack.config.js", "page", "driver");

    /** Directory with node_modules and the driver; run {@code node driver/drive.js} in it. */
    final Path workDir;
    /** The built page: bundle.js and its chunks, served by the reflow_browser_ui server extension. */
    final Path bundle;

    private BrowserUi(Path workDir, Path bundle) {
        this.workDir = workDir;
        this.bundle = bundle;
    }

    static BrowserUi buildOrReuse() throws IOException {
        String depsKey = hash(List.of(SOURCES.resolve("package.json"), SOURCES.resolve("package-lock.json")));
        Path workDir = CACHE.resolve(depsKey);
        Files.createDirectories(workDir);
        removeOtherInstalls(depsKey);
        Path installed = workDir.resolve(".installed");
        if (!Files.exists(installed)) {
            copy(SOURCES.resolve("package.json"), workDir.resolve("package.json"));
            copy(SOURCES.resolve("package-lock.json"), workDir.resolve("package-lock.json"));
            run(workDir, Duration.ofMinutes(10), Map.of(),
                    "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error");
            Files.writeString(installed, depsKey + "\n");
        }
        for (Path file : files(COPIED)) {
            copy(file, workDir.resolve(SOURCES.relativize(file).toString()));
        }
        Path bundle = workDir.resolve("bundle-" + hash(files(BUILD_INPUTS)));
        if (!Files.isRegularFile(bundle.resolve("bundle.js"))) {
            Path partial = workDir.resolve(bundle.getFileName() + ".partial");
            run(workDir, Duration.ofMinutes(10), Map.of("REFLOW_BROWSER_OUT", partial.toString()),
                    "node", "build.js");
            Files.move(partial, bundle, StandardCopyOption.ATOMIC_MOVE);
            try (Stream<Path> entries = Files.list(workDir)) { // bundles of older page sources
                for (Path old : entries.filter(path -> path.getFileName().toString().startsWith("bundle-")
                        && !path.equals(bundle)).toList()) {
                    deleteTree(old);
                }
            }
        }
        return new BrowserUi(workDir, bundle);
    }

    private static void run(Path workDir, Duration timeout, Map<String, String> env, String... command) {
        long started = System.nanoTime();
        ProcessResult result = JupyterSandbox.run(workDir, env, timeout, List.of(command));
        assertTrue(result.succeeded(), "building the JupyterLab page in " + workDir + " failed:\n" + result.describe());
        System.out.print(result.stdout());
        System.out.printf("BrowserUi: %s took %.1f s%n", String.join(" ", command), (System.nanoTime() - started) / 1e9);
    }

    private static void removeOtherInstalls(String keep) throws IOException {
        try (Stream<Path> entries = Files.list(CACHE)) {
            for (Path entry : entries.filter(path -> !path.getFileName().toString().equals(keep)).toList()) {
                deleteTree(entry);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static List<Path> files(List<String> roots) {
        try (Stream<Path> files = roots.stream().map(SOURCES::resolve).flatMap(BrowserUi::walk)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Stream<Path> walk(Path path) {
        try {
            return Files.walk(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A hash of the files' paths (relative to src/test/browser) and contents. */
    private static String hash(List<Path> files) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                digest.update(SOURCES.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
