package reflow.kernel.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A Maven repository on disk, in the real layout (group/artifact/version/artifact-version[-classifier].ext
 * with .sha1 files), built from Java sources compiled here and hand-written POMs.
 */
public final class TestRepository {
    private final Path root;

    public TestRepository(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public String url() {
        return root.toUri().toString();
    }

    /** A jar library: its POM with {@code dependenciesXml} inside {@code <dependencies>}, and its classes. */
    public TestRepository library(String gav, String dependenciesXml, String... sources) {
        return artifact(gav, null, dependenciesXml, "", sources);
    }

    /**
     * A jar (with {@code classifier}, or the main jar when null) and its POM; {@code extraXml} goes into the
     * project element (dependencyManagement, properties).
     */
    public TestRepository artifact(String gav, String classifier, String dependenciesXml, String extraXml, String... sources) {
        String[] p = gav.split(":");
        Path pom = file(p, null, "pom");
        if (!Files.exists(pom)) {
            write(pom, pom(p, "jar", "<dependencies>" + dependenciesXml + "</dependencies>" + extraXml));
        }
        write(file(p, classifier, "jar"), jar(sources));
        return this;
    }

    /** A POM-only artifact (a BOM, a parent): {@code bodyXml} goes into the project element. */
    public TestRepository pomOnly(String gav, String bodyXml) {
        String[] p = gav.split(":");
        write(file(p, null, "pom"), pom(p, "pom", bodyXml));
        return this;
    }

    /** Replaces a file's checksum with a wrong one, as a tampered or corrupt upload would look. */
    public void corruptChecksum(String gav) throws IOException {
        String[] p = gav.split(":");
        Files.writeString(Path.of(file(p, null, "jar") + ".sha1"), "0000000000000000000000000000000000000000");
    }

    public static String dep(String gav) {
        return dep(gav, null, false);
    }

    public static String dep(String gav, String scope, boolean optional) {
        String[] p = gav.split(":");
        return "<dependency><groupId>" + p[0] + "</groupId><artifactId>" + p[1] + "</artifactId>"
                + (p.length > 2 ? "<version>" + p[2] + "</version>" : "")
                + (scope == null ? "" : "<scope>" + scope + "</scope>")
                + (optional ? "<optional>true</optional>" : "") + "</dependency>";
    }

    /** A class {@code pkg.Name} whose static {@code id()} returns {@code id}. */
    public static String idClass(String qualifiedName, String id) {
        int dot = qualifiedName.lastIndexOf('.');
        return "package " + qualifiedName.substring(0, dot) + "; public class " + qualifiedName.substring(dot + 1)
                + " { public static String id() { return \"" + id + "\"; } }";
    }

    private Path file(String[] gav, String classifier, String extension) {
        Path dir = root.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2]);
        return dir.resolve(gav[1] + "-" + gav[2] + (classifier == null ? "" : "-" + classifier) + "." + extension);
    }

    private static byte[] pom(String[] p, String packaging, String body) {
        return ("<?xml version=\"1.0\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>" + p[0] + "</groupId><artifactId>" + p[1] + "</artifactId><version>" + p[2] + "</version>"
                + "<packaging>" + packaging + "</packaging>" + body + "</project>\n").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] jar(String... sources) {
        try {
            Path work = Files.createTempDirectory("reflow-testrepo-src");
            List<String> args = new ArrayList<>(List.of("-d", work.resolve("classes").toString(), "--release", "17",
                    "-cp", classPathOfRepository()));
            for (String source : sources) {
                if (source.startsWith("META-INF/")) {
                    continue;
                }
                String pkg = source.replaceFirst("(?s)^package ([\\w.]+);.*", "$1");
                String name = source.replaceFirst("(?s).*?public (?:final )?(?:class|interface|record|enum) (\\w+).*", "$1");
                Path file = work.resolve("src").resolve(pkg.replace('.', '/')).resolve(name + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source);
                args.add(file.toString());
            }
            Files.createDirectories(work.resolve("classes"));
            if (args.size() > 6) {
                JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
                if (javac.run(null, null, System.err, args.toArray(String[]::new)) != 0) {
                    throw new IllegalStateException("test sources did not compile: " + List.of(sources));
                }
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (JarOutputStream jar = new JarOutputStream(bytes); Stream<Path> files = Files.walk(work.resolve("classes"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    jar.putNextEntry(new JarEntry(work.resolve("classes").relativize(f).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(f));
                    jar.closeEntry();
                }
                for (String source : sources) { // "META-INF/services/x.Y=impl.Z" adds a resource
                    if (source.startsWith("META-INF/")) {
                        String[] kv = source.split("=", 2);
                        jar.putNextEntry(new JarEntry(kv[0]));
                        jar.write((kv[1] + "\n").getBytes(StandardCharsets.UTF_8));
                        jar.closeEntry();
                    }
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String classPathOfRepository() throws IOException {
        if (!Files.exists(root)) {
            return ".";
        }
        try (Stream<Path> files = Files.walk(root)) {
            return String.join(java.io.File.pathSeparator,
                    files.filter(f -> f.toString().endsWith(".jar")).map(Path::toString).toList());
        }
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            Files.writeString(Path.of(file + ".sha1"), sha1(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Settings for tests: a private local repository and every repository mirrored to {@code url}. */
    public static String settingsXml(Path localRepository, String mirrorId, String url, boolean offline,
                                     Map<String, String[]> servers) {
        StringBuilder s = new StringBuilder("<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\">")
                .append("<localRepository>").append(localRepository).append("</localRepository>")
                .append("<offline>").append(offline).append("</offline>")
                .append("<mirrors><mirror><id>").append(mirrorId).append("</id><url>").append(url)
                .append("</url><mirrorOf>*</mirrorOf></mirror></mirrors><servers>");
        servers.forEach((id, cred) -> s.append("<server><id>").append(id).append("</id><username>").append(cred[0])
                .append("</username><password>").append(cred[1]).append("</password></server>"));
        return s.append("</servers></settings>").toString();
    }
}
