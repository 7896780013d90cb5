package reflow.kernel.jshell;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.RunException;

/**
 * The code JShell compiled for each snippet source, kept so that a snippet run again with the same source
 * runs that code ({@code do_it$} of its wrapper class) instead of being compiled again. A re-run of an
 * unchanged declaration of a method, class or import does nothing at all: JShell holds it as it was.
 *
 * <p>Compiled code is only reused while it is exactly what a new compile would produce:
 * <ul>
 * <li>every wrapper class it refers to (found in its bytecode) is still the class JShell uses for that
 * snippet, and that snippet is valid: a declaration compiled again since (a method body edited, a class
 * gaining a field, a variable's type changed) has a new class, and the old code would still call the old;</li>
 * <li>no declaration or import of a name that appears in the source was added, replaced or dropped since
 * it was compiled: a new overload, or a class or import that shadows a name, changes what the same source
 * means. An import on demand, or a jar added to the class path, can change any name: all code is dropped.</li>
 * </ul>
 * What cannot be checked (references to classes JShell did not report, unicode escapes in the source)
 * is not kept. Results are those of a recompile; only the compile is saved.
 */
final class CompiledCells {
    /** Distinct snippet sources kept (least recently used go first): enough for a large notebook. */
    static final int MAX_SNIPPETS = 4096;
    private static final int MAX_CELL_SPLITS = 1024;
    private static final int MAX_CLASS_REFERENCES = 8192;
    private static final String DO_IT = "do_it$";

    /** One compiled snippet source. {@code declares}: the definition a re-run reports (null: none). */
    record Compiled(String source, Snippet snippet, Method doIt, Snippet declares, boolean producesValue,
                    List<Binding> bindings, Set<String> names) {}

    /** The code depends on {@code snippet} having exactly this wrapper class. */
    record Binding(Snippet snippet, String className) {}

    private final JShell jshell;
    private final SnippetExecutionControl control;
    private final boolean enabled;
    private final Map<String, Compiled> bySource = lru(MAX_SNIPPETS);
    private final Map<String, List<SourceSnippet>> splits = lru(MAX_CELL_SPLITS);
    /** Outer wrapper class -> the wrapper classes its bytecode (nested classes included) names. */
    private final Map<String, Set<String>> references = lru(MAX_CLASS_REFERENCES);
    /** Wrapper class -> the active snippet JShell compiled into it. */
    private final Map<String, Snippet> owners = new HashMap<>();
    private final Map<Snippet, String> classes = new IdentityHashMap<>();
    private long compiled;
    private long reused;
    /** The notebook's cells' current sources (empty until the kernel says): what re-runs can ask for. */
    private java.util.function.Supplier<java.util.Collection<String>> liveCells = List::of;
    /** Snippet sources of the live cells at the last prune; kept code beyond twice that is pruned. */
    private int liveSourcesAtLastPrune;

    CompiledCells(JShell jshell, SnippetExecutionControl control, boolean enabled) {
        this.jshell = jshell;
        this.control = control;
        this.enabled = enabled;
        jshell.onSnippetEvent(this::changed);
        control.observeLoads(this::loaded);
    }

    /** The cell cut into snippets; the cut depends only on the text, so it is done once per text. */
    List<SourceSnippet> split(String cell) {
        return splits.computeIfAbsent(cell, c -> SourceSnippet.split(jshell.sourceCodeAnalysis(), c));
    }

    /** The compiled code for this snippet source, if it can run as it is; null means compile it. */
    Compiled reusable(String source) {
        if (!enabled) {
            return null;
        }
        Compiled c = bySource.get(source);
        if (c == null) {
            return null;
        }
        for (Binding b : c.bindings()) {
            if (jshell.status(b.snippet()) != Snippet.Status.VALID || !b.className().equals(classOf(b.snippet()))) {
                bySource.remove(source);
                return null;
            }
        }
        reused++;
        return c;
    }

    /** Counts a JShell compile of a cell's snippet (the tests' and %compilations' measure). */
    void countCompile() {
        compiled++;
    }

    long compiledCount() {
        return compiled;
    }

    long reusedCount() {
        return reused;
    }

    /**
     * Keeps what JShell just compiled for {@code source} (the snippet is valid and ran), to run it again
     * later. {@code declares}: what a re-run declares (the snippet itself, or the variable an assignment
     * stands for). Anything that cannot be checked later is not kept.
     */
    void remember(String source, Snippet snippet, Snippet declares) {
        if (!enabled || source.contains("\\u") || jshell.status(snippet) != Snippet.Status.VALID) {
            return;
        }
        String className = classOf(snippet);
        List<Binding> bindings = new ArrayList<>();
        Method doIt = null;
        switch (snippet.kind()) {
            case VAR, EXPRESSION, STATEMENT -> {
                doIt = doItOf(className);
                Set<String> named = references.get(className);
                if (doIt == null || named == null) {
                    return;
                }
                for (String referenced : named) {
                    if (referenced.equals(className)) {
                        continue;
                    }
                    Snippet owner = ownerOf(referenced);
                    if (owner == null) {
                        return;
                    }
                    bindings.add(new Binding(owner, referenced));
                }
                if (snippet instanceof VarSnippet v && v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                    bindings.add(new Binding(snippet, className));
                }
            }
            case METHOD, TYPE_DECL, IMPORT -> bindings.add(new Binding(snippet, className)); // JShell keeps these current
            default -> {
                return;
            }
        }
        if (declares != null && declares != snippet) {
            bindings.add(new Binding(declares, classOf(declares)));
        }
        boolean value = JShellBridge.producesValue(snippet);
        bySource.put(source, new Compiled(source, snippet, doIt, declares, value, List.copyOf(bindings),
                Identifiers.in(source)));
        if (bySource.size() > 2 * liveSourcesAtLastPrune + PRUNE_SLACK) {
            pruneToLiveCells();
        }
    }

    /** Kept code beyond the live cells' sources that triggers a prune: amortises the scan of the cells. */
    static final int PRUNE_SLACK = 256;
    /** Earlier versions of cells kept by a prune, the most recently run: an edit undone runs without a compile. */
    static final int EARLIER_VERSIONS_KEPT = 64;

    /** Where the notebook's cells' current sources come from (the reactive engine's tracked cells). */
    void keepCodeOf(java.util.function.Supplier<java.util.Collection<String>> cellSources) {
        this.liveCells = cellSources;
    }

    /**
     * Drops kept code that no cell of the notebook holds now, but for the {@value #EARLIER_VERSIONS_KEPT} most
     * recently run: a re-run always runs a cell's current source, so code of an edited cell's earlier versions
     * (an edited value, an old loop bound) would only pile up, each with its class and class loader, over a
     * long session. Running a dropped version again compiles it.
     */
    void pruneToLiveCells() {
        Set<String> live = new HashSet<>();
        for (String cell : liveCells.get()) {
            for (SourceSnippet piece : split(cell)) {
                live.add(piece.source());
            }
        }
        long earlier = bySource.keySet().stream().filter(source -> !live.contains(source)).count();
        // Access order: the least recently run come first.
        for (var sources = bySource.keySet().iterator(); sources.hasNext() && earlier > EARLIER_VERSIONS_KEPT; ) {
            if (!live.contains(sources.next())) {
                sources.remove();
                earlier--;
            }
        }
        liveSourcesAtLastPrune = live.size();
    }

    /**
     * JShell's own report of an exception that escaped re-run code, its stack in snippet lines as for any
     * snippet: JShell translates what an invoke throws, so a trivial snippet is evaluated whose invoke
     * throws this failure. Costs a compile, on the error path only.
     */
    JShellException translate(RunException failure) {
        control.failNextInvoke(failure);
        try {
            JShellException translated = null;
            for (SnippetEvent event : jshell.eval("0")) {
                if (event.causeSnippet() == null) {
                    translated = event.exception();
                    jshell.drop(event.snippet());
                }
            }
            if (translated == null) {
                throw new IllegalStateException("JShell did not report the exception of a re-run snippet: " + failure);
            }
            return translated;
        } finally {
            control.failNextInvoke(null);
        }
    }

    /** A jar or folder joined the class path: an import on demand may now find other classes. */
    void classPathChanged() {
        bySource.clear();
    }

    int size() {
        return bySource.size();
    }

    /**
     * The wrapper classes ("$JShell$12") of the code kept here: JShell still needs their wraps to translate
     * a stack that passes through them, though their snippets are gone ({@link JShellRetention}).
     */
    Set<String> keptWrapperClasses() {
        Set<String> kept = new HashSet<>();
        for (Compiled c : bySource.values()) {
            if (c.doIt() != null) {
                String wrapper = JShellRetention.wrapperOf(c.doIt().getDeclaringClass().getName());
                if (wrapper != null) {
                    kept.add(wrapper);
                }
            }
        }
        return kept;
    }

    private void loaded(ClassBytecodes[] batch) {
        // A wrapper name can be loaded again (a dropped declaration declared anew gets its first name back):
        // what the name refers to is what this batch's bytecode names, not the old class's too.
        for (ClassBytecodes c : batch) {
            references.remove(WrapperReferences.outerOf(c.name()));
        }
        for (ClassBytecodes c : batch) {
            references.computeIfAbsent(WrapperReferences.outerOf(c.name()), k -> new LinkedHashSet<>())
                    .addAll(WrapperReferences.in(c.bytecodes()));
        }
    }

    /** Every event JShell reports: who owns which wrapper class, and which kept code may mean something else now. */
    private void changed(SnippetEvent event) {
        Snippet snippet = event.snippet();
        if (snippet.kind() != Snippet.Kind.IMPORT && snippet.kind() != Snippet.Kind.ERRONEOUS) {
            String className = classOf(snippet);
            String before = event.status().isActive() ? classes.put(snippet, className) : classes.remove(snippet);
            if (before != null && owners.get(before) == snippet) {
                owners.remove(before); // compiled again into a new class: the old one is nobody's now
            }
            if (event.status().isActive()) {
                owners.put(className, snippet);
            } else if (owners.get(className) == snippet) {
                owners.remove(className);
            }
        }
        if (snippet instanceof ImportSnippet imported) {
            if (imported.subKind() == Snippet.SubKind.TYPE_IMPORT_ON_DEMAND_SUBKIND
                    || imported.subKind() == Snippet.SubKind.STATIC_IMPORT_ON_DEMAND_SUBKIND) {
                bySource.clear();
            } else {
                forgetUsesOf(imported.name());
            }
        } else if (snippet instanceof DeclarationSnippet declaration
                && snippet.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            forgetUsesOf(declaration.name());
        }
    }

    private void forgetUsesOf(String name) {
        if (!bySource.isEmpty()) {
            bySource.values().removeIf(c -> c.names().contains(name));
        }
    }

    /** The active snippet compiled into {@code className}; when JShell recompiled it silently, found by a scan. */
    private Snippet ownerOf(String className) {
        Snippet owner = owners.get(className);
        if (owner != null && jshell.status(owner).isActive() && className.equals(classOf(owner))) {
            return owner;
        }
        owners.remove(className);
        jshell.snippets()
                .filter(s -> s.kind() != Snippet.Kind.IMPORT && s.kind() != Snippet.Kind.ERRONEOUS
                        && jshell.status(s).isActive())
                .forEach(s -> {
                    String current = classOf(s);
                    owners.put(current, s);
                    classes.put(s, current);
                });
        return owners.get(className);
    }

    private String classOf(Snippet snippet) {
        return jshell.sourceCodeAnalysis().wrapper(snippet).fullClassName();
    }

    private Method doItOf(String className) {
        try {
            Method doIt = control.snippetClass(className).getDeclaredMethod(DO_IT);
            doIt.setAccessible(true);
            return doIt;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }
}
