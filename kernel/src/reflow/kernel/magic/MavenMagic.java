package reflow.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.util.artifact.JavaScopes;
import reflow.kernel.maven.Coordinates;
import reflow.kernel.maven.LoadedLibraries;
import reflow.kernel.maven.MavenResolver;
import reflow.kernel.maven.PomFile;
import reflow.kernel.maven.Resolution;
import reflow.kernel.maven.ResolutionException;

/**
 * {@code %maven g:a:v [more...] [--exclude g:a]...}: resolves the coordinates with their dependencies and
 * puts the jars on the cells' class path (compiler and run time) in one step, or adds nothing.
 * {@code %mavenRepo id url} adds a repository.
 */
public final class MavenMagic {
    private final Supplier<MavenResolver> resolver;
    private final LoadedLibraries loaded;
    private final Consumer<String> addToClasspath;
    /** Told which jars were added, so the kernel can re-run cells that failed for a class in them. */
    private final Consumer<List<Path>> added;

    public MavenMagic(Supplier<MavenResolver> resolver, LoadedLibraries loaded, Consumer<String> addToClasspath,
                      Consumer<List<Path>> added) {
        this.resolver = resolver;
        this.loaded = loaded;
        this.addToClasspath = addToClasspath;
        this.added = added;
    }

    public static final String MAVEN_HELP = """
            Resolves Maven coordinates with their transitive dependencies (compile and runtime scopes, nearest
            version wins, optional dependencies of dependencies left out) and adds the jars to the cells' class
            path. Forms: group:artifact:version, group:artifact:version:classifier, group:artifact:version@type,
            group:artifact:extension:classifier:version. --exclude group:artifact (repeatable, * allowed) leaves
            a dependency out. Java code may follow in the same cell, below the magic lines.
            Reads ~/.m2/settings.xml (and $MAVEN_HOME/conf/settings.xml; REFLOW_MAVEN_SETTINGS=FILE reads only
            FILE, like mvn -s): local repository, mirrors, proxies, server credentials, offline mode.
            A library already loaded keeps its version: asking for another one is refused (restart the kernel).
            `%maven` alone lists what was loaded.""";

    public Map<String, Object> maven(Magics.Invocation call) {
        Request request = parse(call.args());
        if (request.artifacts().isEmpty()) {
            return text(loaded.size() == 0 ? "No Maven libraries loaded yet. Usage: %maven group:artifact:version"
                    : "Loaded:\n  " + loaded.all().stream().map(Coordinates::describe).collect(Collectors.joining("\n  ")));
        }
        List<String> conflicts = new ArrayList<>();
        for (Artifact a : request.artifacts()) {
            Artifact have = loaded.conflicting(a);
            if (have != null) {
                conflicts.add(conflictMessage(have, a));
            }
        }
        if (!conflicts.isEmpty()) {
            throw new Magics.MagicException(String.join("\n", conflicts));
        }
        if (request.artifacts().stream().allMatch(loaded::isLoaded)) {
            return text("Already on the classpath, nothing to do: " + request.artifacts().stream()
                    .map(Coordinates::describe).collect(Collectors.joining(", ")));
        }
        return resolveAndAdd(request.dependencies(), call.out());
    }

    public Map<String, Object> resolveAndAdd(List<Dependency> dependencies, MagicOutput out) {
        return resolveAndAdd(dependencies, List.of(), List.of(), out);
    }

    /**
     * Resolves, checks the whole tree against what is loaded, then adds every new jar at once. {@code managed}
     * (a POM's dependency management) applies unless a library is loaded already: then its loaded version does.
     */
    public Map<String, Object> resolveAndAdd(List<Dependency> dependencies, List<Dependency> managed,
                                             List<RemoteRepository> repositories, MagicOutput out) {
        String displayId = "reflow-maven-" + UUID.randomUUID();
        String what = dependencies.stream().map(d -> Coordinates.describe(d.getArtifact())).collect(Collectors.joining(", "));
        out.display(text("Resolving " + what + " ..."), displayId);
        long start = System.nanoTime();
        Resolution resolution;
        try {
            List<Dependency> management = new ArrayList<>(loaded.asManaged());
            managed.stream().filter(d -> loaded.get(d.getArtifact()) == null).forEach(management::add);
            resolution = resolver.get().resolve(dependencies, management, repositories,
                    line -> out.update(text(line), displayId));
        } catch (ResolutionException e) {
            out.update(text("Resolution failed."), displayId);
            throw new Magics.MagicException(e.getMessage());
        }
        List<String> conflicts = new ArrayList<>();
        for (Resolution.Resolved r : resolution.artifacts()) {
            Artifact have = loaded.conflicting(r.artifact());
            if (have != null) {
                conflicts.add(conflictMessage(have, r.artifact()));
            }
        }
        if (!conflicts.isEmpty()) {
            out.update(text("Nothing added."), displayId);
            throw new Magics.MagicException(String.join("\n", conflicts));
        }
        List<Resolution.Resolved> fresh = resolution.artifacts().stream()
                .filter(r -> !loaded.isLoaded(r.artifact()) && r.file() != null && r.file().toString().endsWith(".jar"))
                .toList();
        if (!fresh.isEmpty()) {
            addToClasspath.accept(fresh.stream().map(r -> r.file().toString()).collect(Collectors.joining(File.pathSeparator)));
        }
        resolution.artifacts().forEach(r -> loaded.add(r.artifact(), r.file()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        String summary = summary(resolution, fresh, millis);
        out.update(text(summary), displayId);
        added.accept(fresh.stream().map(Resolution.Resolved::file).toList());
        return null;
    }

    private static String summary(Resolution resolution, List<Resolution.Resolved> fresh, long millis) {
        String top = resolution.topLevel().stream().map(Coordinates::describe).collect(Collectors.joining(", "));
        StringBuilder s = new StringBuilder();
        s.append("Added ").append(fresh.size()).append(fresh.size() == 1 ? " jar" : " jars")
                .append(" to the classpath in ").append(millis).append(" ms: ").append(top);
        List<String> others = fresh.stream().map(Resolution.Resolved::artifact)
                .filter(a -> resolution.topLevel().stream().noneMatch(t -> Coordinates.key(t).equals(Coordinates.key(a))))
                .map(Coordinates::describe).toList();
        if (!others.isEmpty()) {
            s.append("\n  with ").append(String.join(", ", others));
        }
        if (resolution.remembered()) {
            s.append("\n  (the tree an earlier kernel resolved, remembered in the local repository)");
        }
        int kept = resolution.artifacts().size() - fresh.size();
        if (kept > 0) {
            s.append("\n  ").append(kept).append(" already loaded");
        }
        return s.toString();
    }

    private static String conflictMessage(Artifact have, Artifact wanted) {
        return wanted.getGroupId() + ":" + wanted.getArtifactId() + " " + wanted.getVersion() + " was not loaded: version "
                + have.getVersion() + " is already on the classpath, and a JVM cannot unload classes. Restart the "
                + "kernel to use " + wanted.getVersion() + " (put the %maven line with the version you want first).";
    }

    public static final String POM_HELP = """
            `%pom path/to/pom.xml` or a cell starting with `%%pom`: resolves the dependencies of a POM, as Maven
            builds its class path: compile and runtime scopes (test and provided left out), properties,
            dependency management and BOM imports (scope import), a parent POM from a repository, and the
            repositories the POM declares. The cell may hold a whole <project>, a <dependencies> element,
            <dependency> elements, or those with <properties>, <dependencyManagement> and <repositories>.""";

    /** {@code %pom PATH} (the file) or {@code %%pom} (the cell body): a POM's dependencies. */
    public Map<String, Object> pom(Magics.Invocation call) {
        String xml;
        if (call.body() != null) {
            xml = call.body();
        } else {
            if (call.args().isBlank()) {
                throw new Magics.MagicException("usage: %pom path/to/pom.xml, or a cell starting with %%pom");
            }
            Path file = Path.of(call.args().strip()).toAbsolutePath().normalize();
            try {
                xml = Files.readString(file);
            } catch (IOException e) {
                throw new Magics.MagicException("cannot read " + file + ": " + e.getMessage() + "; nothing was added");
            }
        }
        PomFile pom;
        ArtifactDescriptorResult descriptor;
        try {
            pom = PomFile.fromText(xml, Files.createTempDirectory("reflow-pom"));
            descriptor = resolver.get().readPom(pom);
        } catch (IllegalArgumentException | IOException e) {
            throw new Magics.MagicException(e.getMessage() + "; nothing was added");
        } catch (ResolutionException e) {
            throw new Magics.MagicException(e.getMessage());
        }
        List<Dependency> dependencies = descriptor.getDependencies().stream()
                .filter(d -> d.getScope().isEmpty() || d.getScope().equals(JavaScopes.COMPILE)
                        || d.getScope().equals(JavaScopes.RUNTIME))
                .toList();
        if (dependencies.isEmpty()) {
            return text("The POM has no compile or runtime dependencies; nothing to add.");
        }
        return resolveAndAdd(dependencies, descriptor.getManagedDependencies(), descriptor.getRepositories(), call.out());
    }

    /** {@code %mavenRepo id url}; {@code %mavenRepo} alone lists the repositories. */
    public Map<String, Object> mavenRepo(Magics.Invocation call) {
        String[] parts = call.args().isBlank() ? new String[0] : call.args().strip().split("\\s+");
        MavenResolver r = resolver.get();
        if (parts.length == 0) {
            return text("Repositories:\n  " + r.declaredRepositories().stream().map(x -> x.getId() + " " + x.getUrl())
                    .collect(Collectors.joining("\n  ")));
        }
        if (parts.length != 2) {
            throw new Magics.MagicException("usage: %mavenRepo ID URL (e.g. %mavenRepo snapshots "
                    + "https://oss.sonatype.org/content/repositories/snapshots)");
        }
        String url = parts[1];
        if (!url.matches("(?i)(https?|file):.*")) {
            Path dir = Path.of(url).toAbsolutePath().normalize();
            url = dir.toUri().toString();
        }
        r.addRepository(parts[0], url, true);
        return text("Repository " + parts[0] + " (" + url + ") added; snapshots enabled."
                + (r.settings().server(parts[0]) != null ? " Credentials from settings.xml server " + parts[0] + "." : ""));
    }

    record Request(List<Artifact> artifacts, List<Dependency> dependencies) {}

    static Request parse(String args) {
        List<Artifact> artifacts = new ArrayList<>();
        List<Exclusion> exclusions = new ArrayList<>();
        String[] tokens = args.isBlank() ? new String[0] : args.strip().split("[\\s,]+");
        try {
            for (int i = 0; i < tokens.length; i++) {
                String t = tokens[i];
                if (t.equals("--exclude") || t.equals("-x")) {
                    if (i + 1 >= tokens.length) {
                        throw new IllegalArgumentException("--exclude needs group:artifact after it");
                    }
                    exclusions.add(exclusion(tokens[++i]));
                } else if (t.startsWith("--exclude=")) {
                    exclusions.add(exclusion(t.substring("--exclude=".length())));
                } else if (t.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option " + t + " (only --exclude group:artifact)");
                } else {
                    artifacts.add(Coordinates.parse(t));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new Magics.MagicException(e.getMessage() + ". Nothing was added.");
        }
        Map<String, Dependency> deps = new LinkedHashMap<>();
        for (Artifact a : artifacts) {
            deps.put(Coordinates.key(a), new Dependency(a, JavaScopes.COMPILE, false, exclusions));
        }
        return new Request(List.copyOf(artifacts), List.copyOf(deps.values()));
    }

    private static Exclusion exclusion(String text) {
        String[] ga = Coordinates.parseExclusion(text);
        return new Exclusion(ga[0], ga[1], "*", "*");
    }

    static Map<String, Object> text(String s) {
        return Map.of("text/plain", s);
    }
}
