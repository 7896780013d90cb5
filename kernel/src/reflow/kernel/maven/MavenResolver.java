package reflow.kernel.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.repository.WorkspaceReader;
import org.eclipse.aether.repository.WorkspaceRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

/**
 * Maven resolution for the kernel: Maven Resolver 2 wired by its supplier, with Maven 3's session rules
 * (compile and runtime scopes, nearest wins, optional dependencies of dependencies left out, BOM imports,
 * dependency management), configured from settings.xml. Artifacts land in the settings' local repository,
 * so a later kernel resolves the same tree without the network.
 */
public final class MavenResolver implements AutoCloseable {
    public static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";

    private final MavenSettings settings;
    private final ResolvedTrees trees;
    private Wired wired;
    private final Map<String, RemoteRepository> declared = new LinkedHashMap<>();
    /** Where the current resolution's progress goes; the session's listener forwards to it. */
    private volatile ProgressListener progress;

    public MavenResolver(MavenSettings settings) {
        this.settings = settings;
        this.trees = new ResolvedTrees(settings.localRepository());
        declared.put("central", new RemoteRepository.Builder("central", "default", CENTRAL_URL)
                .setSnapshotPolicy(new RepositoryPolicy(false, null, null)).build());
        for (MavenSettings.Repository r : settings.repositories()) {
            addRepository(r.id(), r.url(), r.snapshots());
        }
    }

    /** The resolver proper and its session, built on first need: a remembered tree needs neither. */
    private record Wired(RepositorySystem system, RepositorySystemSession.CloseableSession session) {}

    private synchronized Wired wired() {
        if (wired == null) {
            RepositorySystem system = new RepositorySystemSupplier().get();
            RepositorySystemSession.SessionBuilder builder = new SessionBuilderSupplier(system).get();
            builder.withLocalRepositoryBaseDirectories(settings.localRepository())
                    .setOffline(settings.offline())
                    .setMirrorSelector(mirrors(settings))
                    .setProxySelector(proxies(settings))
                    .setAuthenticationSelector(authentication(settings))
                    // Maven 3 only warns; a notebook should not silently run a corrupt or tampered jar.
                    .setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL)
                    .setSystemProperties(System.getProperties())
                    .setConfigProperty("aether.transport.http.connectTimeout", 15_000)
                    .setConfigProperty("aether.transport.http.requestTimeout", 60_000)
                    .setTransferListener(new AbstractTransferListener() {
                        @Override public void transferProgressed(TransferEvent event) {
                            ProgressListener p = progress;
                            if (p != null) p.transferProgressed(event);
                        }
                        @Override public void transferSucceeded(TransferEvent event) {
                            ProgressListener p = progress;
                            if (p != null) p.transferSucceeded(event);
                        }
                    });
            wired = new Wired(system, builder.build());
        }
        return wired;
    }

    public MavenSettings settings() {
        return settings;
    }

    /** Adds (or replaces, by id) a remote repository for later resolutions. */
    public void addRepository(String id, String url, boolean snapshots) {
        RepositoryPolicy snapshotPolicy = snapshots
                ? new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_ALWAYS, RepositoryPolicy.CHECKSUM_POLICY_FAIL)
                : new RepositoryPolicy(false, null, null);
        declared.put(id, new RemoteRepository.Builder(id, "default", url).setSnapshotPolicy(snapshotPolicy).build());
    }

    /** The repositories as declared (central, settings profiles, %mavenRepo), before mirrors apply. */
    public Collection<RemoteRepository> declaredRepositories() {
        return declared.values();
    }

    /** The repositories really contacted: mirrors, proxies and credentials applied. */
    public List<RemoteRepository> effectiveRepositories() {
        return wired().system().newResolutionRepositories(wired().session(), new ArrayList<>(declared.values()));
    }

    /**
     * Resolves {@code dependencies} (compile scope unless given) with their transitive dependencies.
     * {@code managed} pins versions of transitive dependencies (dependency management, loaded libraries).
     * Nothing is returned unless every artifact resolved.
     */
    public Resolution resolve(List<Dependency> dependencies, List<Dependency> managed, Consumer<String> onProgress)
            throws ResolutionException {
        return resolve(dependencies, managed, List.of(), onProgress);
    }

    /** The same, also searching {@code extraRepositories} (those a POM declares). */
    public Resolution resolve(List<Dependency> dependencies, List<Dependency> managed,
                              List<RemoteRepository> extraRepositories, Consumer<String> onProgress)
            throws ResolutionException {
        List<RemoteRepository> all = new ArrayList<>(declared.values());
        for (RemoteRepository extra : extraRepositories) {
            if (all.stream().noneMatch(r -> r.getId().equals(extra.getId()))) {
                all.add(extra);
            }
        }
        String key = ResolvedTrees.key(dependencies, managed, all, settings.mirrors());
        if (ResolvedTrees.isFixed(dependencies)) {
            Resolution remembered = trees.find(key);
            if (remembered != null) {
                return remembered;
            }
        }
        RepositorySystem system = wired().system();
        RepositorySystemSession session = wired().session();
        List<RemoteRepository> repositories = system.newResolutionRepositories(session, all);
        CollectRequest collect = new CollectRequest();
        collect.setDependencies(dependencies);
        collect.setManagedDependencies(managed);
        collect.setRepositories(repositories);
        DependencyRequest request = new DependencyRequest(collect,
                DependencyFilterUtils.classpathFilter(JavaScopes.COMPILE, JavaScopes.RUNTIME));
        progress = new ProgressListener(onProgress, 100);
        try {
            DependencyResult result = system.resolveDependencies(session, request);
            List<Resolution.Resolved> artifacts = new ArrayList<>();
            for (ArtifactResult r : result.getArtifactResults()) {
                artifacts.add(new Resolution.Resolved(r.getArtifact(), r.getArtifact().getPath()));
            }
            List<Artifact> top = new ArrayList<>();
            for (DependencyNode child : result.getRoot().getChildren()) {
                top.add(child.getArtifact());
            }
            Resolution resolution = new Resolution(List.copyOf(artifacts), List.copyOf(top), false);
            if (ResolvedTrees.isFixed(dependencies)) {
                trees.store(key, resolution);
            }
            return resolution;
        } catch (DependencyResolutionException | RuntimeException e) {
            throw new ResolutionException(ResolutionFailures.describe(dependencies, repositories, e, settings), e);
        } finally {
            progress = null;
        }
    }

    /**
     * Reads a POM file (its parent, properties, dependency management with BOM imports) as Maven reads a
     * dependency's POM. The file is served by a workspace reader, so nothing of it lands in the local repository.
     */
    public ArtifactDescriptorResult readPom(PomFile pom) throws ResolutionException {
        List<RemoteRepository> repositories = effectiveRepositories();
        WorkspaceReader workspace = new WorkspaceReader() {
            private final WorkspaceRepository repository = new WorkspaceRepository("reflow-pom");
            @Override public WorkspaceRepository getRepository() { return repository; }
            @Override public java.io.File findArtifact(Artifact artifact) {
                return matches(artifact) ? pom.file().toFile() : null;
            }
            @Override public List<String> findVersions(Artifact artifact) {
                return matches(artifact) ? List.of(pom.artifact().getVersion()) : List.of();
            }
            private boolean matches(Artifact a) {
                return a.getGroupId().equals(pom.artifact().getGroupId())
                        && a.getArtifactId().equals(pom.artifact().getArtifactId()) && a.getExtension().equals("pom");
            }
        };
        RepositorySystem system = wired().system();
        try (RepositorySystemSession.CloseableSession withPom = system.createSessionBuilder()
                .withRepositorySystemSession(wired().session()).setWorkspaceReader(workspace).build()) {
            return system.readArtifactDescriptor(withPom, new ArtifactDescriptorRequest(pom.artifact(), repositories, null));
        } catch (ArtifactDescriptorException | RuntimeException e) {
            throw new ResolutionException("Could not read the POM: " + ResolutionFailures.plainReason(e)
                    + ". Repositories tried: " + ResolutionFailures.names(repositories) + ". Nothing was added to the classpath.", e);
        }
    }

    private static DefaultMirrorSelector mirrors(MavenSettings settings) {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        for (MavenSettings.Mirror m : settings.mirrors()) {
            selector.add(m.id(), m.url(), "default", false, false, m.mirrorOf(), null);
        }
        return selector;
    }

    private static DefaultProxySelector proxies(MavenSettings settings) {
        DefaultProxySelector selector = new DefaultProxySelector();
        for (MavenSettings.Proxy p : settings.proxies()) {
            AuthenticationBuilder auth = new AuthenticationBuilder();
            if (p.username() != null) {
                auth.addUsername(p.username()).addPassword(p.password());
            }
            selector.add(new org.eclipse.aether.repository.Proxy(p.protocol(), p.host(), p.port(), auth.build()),
                    p.nonProxyHosts());
        }
        return selector;
    }

    private static AuthenticationSelector authentication(MavenSettings settings) {
        DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
        for (MavenSettings.Server s : settings.servers()) {
            if (s.username() != null) {
                selector.add(s.id(), new AuthenticationBuilder().addUsername(s.username())
                        .addPassword(s.password() == null ? "" : s.password()).build());
            }
        }
        return selector;
    }

    /** Where a resolved artifact sits in the local repository (for messages). */
    public Path localRepository() {
        return settings.localRepository();
    }

    @Override
    public synchronized void close() {
        if (wired != null) {
            wired.session().close();
            wired.system().shutdown();
        }
    }
}
