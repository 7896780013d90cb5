package reflow.kernel.magic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import reflow.kernel.jshell.JShellBridge;
import reflow.kernel.maven.LoadedLibraries;
import reflow.kernel.maven.MavenResolver;
import reflow.kernel.maven.MavenSettings;
import reflow.kernel.maven.MissingClasses;
import reflow.kernel.reactive.ReactiveEngine;
import reflow.protocol.ExecutionContext;

/**
 * The magics about libraries and workflow: %maven, %mavenRepo, %time. The resolver is built on first use
 * (reading settings.xml then), so kernels that never use Maven do not pay for it.
 */
public final class LibraryMagics {
    private final LoadedLibraries loaded = new LoadedLibraries();
    private MavenResolver resolver;
    private MavenMagic maven;
    /** Jars added during the current request: cells that failed for one of their classes re-run after it. */
    private final List<Path> addedThisRequest = new ArrayList<>();

    public void register(Magics magics, JShellBridge bridge, ReactiveEngine engine) {
        Consumer<List<Path>> added = addedThisRequest::addAll;
        maven = new MavenMagic(this::resolver, loaded, bridge::addToClasspath, added);
        magics.register("maven", Magics.Magic.line("%maven GROUP:ARTIFACT:VERSION... [--exclude G:A]",
                "resolve Maven artifacts with their dependencies and add them to the classpath",
                MavenMagic.MAVEN_HELP, maven::maven));
        magics.register("mavenrepo", Magics.Magic.line("%mavenRepo ID URL",
                "add a Maven repository (snapshots allowed; credentials from settings.xml <server>)",
                "Adds a remote repository for later %maven lines. URL may be https:, http:, file: or a folder. "
                        + "A <server> with the same id in settings.xml gives its credentials; mirrors apply.",
                maven::mavenRepo));
        magics.register("time", Magics.Magic.both("%time [CODE] / %%time",
                "wall-clock and CPU time of the rest of the cell", CellTimer.HELP, call -> null));
    }

    /**
     * After a cell with magics: if it added jars and reactivity is on, the tracked cells that had failed for
     * a class those jars provide run again (with their dependents).
     */
    public void afterCell(ReactiveEngine engine, ExecutionContext context) {
        if (addedThisRequest.isEmpty()) {
            return;
        }
        MissingClasses provided = new MissingClasses(List.copyOf(addedThisRequest));
        addedThisRequest.clear();
        if (engine.mode() == ReactiveEngine.Mode.ON && !provided.isEmpty()) {
            engine.rerunFailed(provided::explains, "a library it was missing is now on the classpath", context);
        }
    }

    /** The resolver, built when first needed; settings errors surface as the magic's message. */
    synchronized MavenResolver resolver() {
        if (resolver == null) {
            try {
                resolver = new MavenResolver(MavenSettings.load());
            } catch (IllegalArgumentException e) {
                throw new Magics.MagicException(e.getMessage());
            }
        }
        return resolver;
    }
}
