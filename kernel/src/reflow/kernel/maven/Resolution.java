package reflow.kernel.maven;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.artifact.Artifact;

/**
 * What one resolution brought: every artifact of the tree in class path order (nearest first) with its
 * file, the versions chosen for the requested (top-level) dependencies, and whether the tree came from
 * an earlier kernel's resolution (remembered in the local repository) instead of reading POMs.
 */
public record Resolution(List<Resolved> artifacts, List<Artifact> topLevel, boolean remembered) {
    public record Resolved(Artifact artifact, Path file) {}

    public List<Path> jars() {
        return artifacts.stream().map(Resolved::file).filter(f -> f.toString().endsWith(".jar")).toList();
    }
}
