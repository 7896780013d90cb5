package reflow.kernel.magic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import reflow.kernel.install.StartupOptions;
import reflow.kernel.jshell.CellIO;
import reflow.kernel.jshell.CellOutcome;
import reflow.kernel.jshell.JShellBridge;
import reflow.kernel.maven.LoadedLibraries;
import reflow.kernel.maven.MavenResolver;
import reflow.kernel.maven.MavenSettings;
import reflow.kernel.maven.MissingClasses;
import reflow.kernel.reactive.ReactiveEngine;
import reflow.protocol.ExecutionContext;

/**
 * The magics about libraries and workflow: %maven, %mavenRepo, %time, %load, %vars. The resolver is built on first use
 * (reading settings.xml then), so kernels that never use Maven do not pay for it.
 */
public final class LibraryMagics {
    private final LoadedLibraries loaded = new LoadedLibraries();
    private MavenResolver resolver;
    private MavenMagic maven;
    private Magics magics;
    private ClasspathMagic classpath;
    /** Jars added during the current request: cells that failed for one of their classes re-run after it. */
    private final List<Path> addedThisRequest = new ArrayList<>();

    public void register(Magics magics, JShellBridge bridge, ReactiveEngine engine) {
        this.magics = magics;
        this.classpath = new ClasspathMagic(bridge::addToClasspath);
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
        magics.register("pom", Magics.Magic.both("%pom PATH / %%pom",
                "add the dependencies of a POM file, or of the POM (or <dependencies>) in the cell",
                MavenMagic.POM_HELP, maven::pom));
        magics.register("time", Magics.Magic.both("%time [CODE] / %%time",
                "wall-clock and CPU time of the rest of the cell", CellTimer.HELP, call -> null));
        magics.register("load", Magics.Magic.line("%load PATH", "run a .java/.jsh file or another notebook's code cells",
                LoadMagic.HELP, call -> {
                    throw new Magics.MagicException("%load goes at the top of a cell, not inside a loaded file");
                }));
        magics.register("vars", Magics.Magic.line("%vars", "table of the variables: name, type, defining cell, value",
                "Lists the session's variables with their declared type, the cell that last defined them "
                        + "([execution count] first line) and the start of their value.",
                new VarsMagic(bridge, engine::definerOf)::run));
    }

    /**
     * Before the first cell: --classpath entries, --maven lines, then --startup files (their code runs as
     * untracked cells whose definitions stay in the session). Problems are reported in that first cell.
     */
    public void runStartup(StartupOptions startup, ReactiveEngine engine, ExecutionContext context) {
        if (startup.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (!startup.classpath().isEmpty()) {
            try {
                classpath.run(String.join(" ", startup.classpath()));
            } catch (Magics.MagicException e) {
                problems.add("--classpath: " + e.getMessage());
            }
        }
        for (String line : startup.maven()) {
            try {
                maven.maven(new Magics.Invocation(line, null, MagicOutput.NONE));
            } catch (Magics.MagicException e) {
                problems.add("--maven " + line + ": " + e.getMessage());
            }
        }
        for (String file : startup.startupFiles()) {
            try {
                runStartupFile(file, engine, problems);
            } catch (Magics.MagicException e) {
                problems.add("--startup " + file + ": " + e.getMessage());
            }
        }
        addedThisRequest.clear(); // nothing has failed yet that these jars could fix
        if (!problems.isEmpty()) {
            context.stream("stderr", "Kernel startup: " + String.join("\n", problems) + "\n");
        }
    }

    private void runStartupFile(String file, ReactiveEngine engine, List<String> problems) {
        for (LoadMagic.Piece piece : LoadMagic.pieces(file)) {
            MagicCell cell = MagicCell.parse(piece.code());
            for (MagicCell.Call call : cell.lineMagics()) {
                magics.run(call, false, MagicOutput.NONE);
            }
            if (!cell.javaCode().isBlank()) {
                CellOutcome outcome = engine.runUntracked(cell.javaCode(), 0, CellIO.DISCARD);
                if (!outcome.ok()) {
                    problems.add("--startup " + piece.origin() + ": " + outcome.error().evalue());
                    return;
                }
            }
        }
    }

    /**
     * After a cell with magics: if it added jars and reactivity is on, the tracked cells that had failed for
     * a class those jars provide run again (with their dependents).
     */
    public void afterCell(ReactiveEngine engine, reflow.kernel.output.RunEvents events) {
        if (addedThisRequest.isEmpty()) {
            return;
        }
        MissingClasses provided = new MissingClasses(List.copyOf(addedThisRequest));
        addedThisRequest.clear();
        if (engine.mode() == ReactiveEngine.Mode.ON && !provided.isEmpty()) {
            engine.rerunFailed(provided::explains, "a library it was missing is now on the classpath", events);
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
