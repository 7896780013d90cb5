package reflow.kernel.maven;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.artifact.Artifact;

/**
 * What one resolution brought: every artifact of the tree in class path order (nearest first) with its
 * file, and the versions chosen for the requested (top-level) dependencies.
 */
public record Resolution(List<Resolved> artifacts, List<Artifact> topLevel) {
    public record Resolved(Artifact artifact, Path file) {}

    public List<Path> jars() {
        return artifacts.stream().map(Resolved::file).filter(f -> f.toString().endsWith(".jar")).toList();
    }
}
