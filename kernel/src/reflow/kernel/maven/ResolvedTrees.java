package reflow.kernel.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Resolved trees remembered in the local repository ({@code .reflow/trees/}), like a lock file: the same
 * request (coordinates, exclusions, pinned versions, repositories, mirrors) of released versions always
 * gives the same tree, so a restarted kernel reuses it without reading a single POM again, as long as every
 * jar is still in the local repository. Snapshots, ranges and LATEST/RELEASE are never remembered.
 */
final class ResolvedTrees {
    private static final String FORMAT = "reflow-tree-1";
    private final Path directory;

    ResolvedTrees(Path localRepository) {
        this.directory = localRepository.resolve(".reflow").resolve("trees");
    }

    static String key(List<Dependency> dependencies, List<Dependency> managed, List<RemoteRepository> repositories,
                      List<MavenSettings.Mirror> mirrors) {
        StringBuilder s = new StringBuilder(FORMAT).append('\n');
        dependencies.forEach(d -> s.append("dep ").append(describe(d)).append('\n'));
        managed.stream().map(ResolvedTrees::describe).sorted().forEach(m -> s.append("managed ").append(m).append('\n'));
        repositories.forEach(r -> s.append("repo ").append(r.getId()).append(' ').append(r.getUrl()).append('\n'));
        mirrors.forEach(m -> s.append("mirror ").append(m.id()).append(' ').append(m.url()).append(' ')
                .append(m.mirrorOf()).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Dependency d) {
        String exclusions = d.getExclusions().stream().map(e -> e.getGroupId() + ":" + e.getArtifactId())
                .sorted().collect(Collectors.joining(","));
        return d.getArtifact() + " " + d.getScope() + " " + d.isOptional() + " " + exclusions;
    }

    static boolean isFixed(List<Dependency> dependencies) {
        return dependencies.stream().allMatch(d -> isFixed(d.getArtifact()));
    }

    static boolean isFixed(Artifact a) {
        String v = a.getVersion();
        return !(v.isEmpty() || v.contains("SNAPSHOT") || v.startsWith("[") || v.startsWith("(")
                || v.equals("LATEST") || v.equals("RELEASE"));
    }

    /** The remembered tree, or null when there is none or one of its files is gone. */
    Resolution find(String key) {
        Path file = directory.resolve(key + ".tsv");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            List<Resolution.Resolved> artifacts = new ArrayList<>();
            List<Artifact> top = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split("\t", -1);
                if (f.length < 6) {
                    return null;
                }
                Artifact a = new DefaultArtifact(f[1], f[2], f[4], f[3], f[5]);
                if (f[0].equals("top")) {
                    top.add(a);
                } else {
                    Path jar = Path.of(f[6]);
                    if (!Files.isRegularFile(jar)) {
                        return null;
                    }
                    artifacts.add(new Resolution.Resolved(a.setPath(jar), jar));
                }
            }
            return new Resolution(List.copyOf(artifacts), List.copyOf(top), true);
        } catch (IOException | RuntimeException e) {
            return null; // a damaged entry just means resolving again
        }
    }

    void store(String key, Resolution resolution) {
        if (!resolution.artifacts().stream().allMatch(r -> isFixed(r.artifact()) && r.file() != null)) {
            return;
        }
        StringBuilder out = new StringBuilder();
        resolution.topLevel().forEach(a -> out.append(line("top", a)).append('\n'));
        resolution.artifacts().forEach(r -> out.append(line("artifact", r.artifact())).append('\t')
                .append(r.file().toAbsolutePath()).append('\n'));
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, key, ".tmp");
            Files.writeString(temporary, out);
            Files.move(temporary, directory.resolve(key + ".tsv"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // a read-only local repository: the next kernel simply resolves again
        }
    }

    private static String line(String kind, Artifact a) {
        return String.join("\t", kind, a.getGroupId(), a.getArtifactId(), a.getExtension(), a.getClassifier(), a.getVersion());
    }
}
