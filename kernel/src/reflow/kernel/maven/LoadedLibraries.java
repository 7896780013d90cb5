package reflow.kernel.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.util.artifact.JavaScopes;

/**
 * The Maven artifacts on the session's classpath, one version per library (a JVM cannot unload classes,
 * so a second version could only shadow or be shadowed by the first).
 */
public final class LoadedLibraries {
    private final Map<String, Artifact> loaded = new LinkedHashMap<>();
    private final Map<String, Path> files = new LinkedHashMap<>();

    public synchronized Artifact get(Artifact wanted) {
        return loaded.get(Coordinates.key(wanted));
    }

    public synchronized boolean isLoaded(Artifact a) {
        Artifact have = get(a);
        return have != null && have.getVersion().equals(a.getVersion());
    }

    /** The loaded library that has another version than {@code a}, or null. */
    public synchronized Artifact conflicting(Artifact a) {
        Artifact have = get(a);
        return have != null && !have.getVersion().equals(a.getVersion()) ? have : null;
    }

    public synchronized void add(Artifact a, Path file) {
        loaded.putIfAbsent(Coordinates.key(a), a);
        files.putIfAbsent(Coordinates.key(a), file);
    }

    /** Loaded versions as dependency management: later trees reuse them instead of bringing another version. */
    public synchronized List<Dependency> asManaged() {
        List<Dependency> managed = new ArrayList<>();
        loaded.values().forEach(a -> managed.add(new Dependency(a, JavaScopes.COMPILE)));
        return managed;
    }

    public synchronized List<Artifact> all() {
        return List.copyOf(loaded.values());
    }

    public synchronized int size() {
        return loaded.size();
    }
}
