package reflow.kernel.jshell;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;

import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.PersistentSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;
import reflow.kernel.analysis.CellAnalysis;
import reflow.kernel.analysis.CellAnalyzer;

/**
 * Compiles a snippet against the import lines of only those earlier variables and methods it can name.
 *
 * <p>Why: JShell wraps every snippet in a class that starts with one {@code import static} line per live
 * variable and method of the session, and javac resolves each of them on every compile. After 1,000
 * declarations a trivial {@code 1 + 1} took 2.4 times as long as in a fresh session, almost all of it in
 * those imports. A snippet can only refer to a variable or method by its simple name, so every name it
 * does not mention can be left out without changing what it means.
 *
 * <p>What is kept: every import the user wrote, every class, interface, record and enum (JShell writes
 * their simple names into the code it generates, e.g. the declared type of {@code var p = q;}), and the
 * variables and methods named anywhere in the sources compiled by this eval. An eval compiles more than
 * its own snippet: JShell recompiles the live snippets that mention a name the snippet declares (and, in
 * turn, those that mention theirs), so their names are added too, found through JShell's own index of
 * which snippets mention which name. Each name is a word of the source (strings and comments included), a
 * superset: a word too many costs one import line, never a different meaning.
 *
 * <p>Left unfiltered: imports (a wildcard import makes JShell recompile every snippet), anything JavaParser
 * cannot read (its declared names are unknown), and every compile outside {@link #compile} (completion,
 * documentation, drops, JShell's own checks). {@code -Dreflow.allImports=true} turns the filter off; without
 * {@code --add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED} it is off and says why ({@link #unavailableReason()}).
 */
final class RelevantImports {
    static final String ALL_IMPORTS_PROPERTY = "reflow.allImports";

    /** JShell's list of the latest snippet per key, whose iteration writes the import lines; ours filters. */
    private static final class SnippetsByKey extends ArrayList<Snippet> {
        private volatile Thread filteringThread;
        private Set<String> wantedNames = Set.of();
        private volatile long linesLeftOut; // written by the filtering thread only

        SnippetsByKey(Collection<Snippet> snippets) {
            super(snippets);
        }

        /** Only JShell's import writer iterates this list (the other uses index into it). */
        @Override
        public Iterator<Snippet> iterator() {
            if (filteringThread != Thread.currentThread()) {
                return super.iterator(); // completion on another thread sees every name
            }
            List<Snippet> kept = new ArrayList<>(Math.min(size(), 64));
            for (int i = 0; i < size(); i++) {
                Snippet snippet = get(i);
                if (snippet == null) {
                    continue;
                }
                if (isWanted(snippet)) {
                    kept.add(snippet);
                } else {
                    linesLeftOut++;
                }
            }
            return kept.iterator();
        }

        private boolean isWanted(Snippet snippet) {
            if (snippet instanceof VarSnippet || snippet instanceof MethodSnippet) {
                return wantedNames.contains(((PersistentSnippet) snippet).name());
            }
            return true;
        }
    }

    private final SnippetsByKey snippetsByKey;
    private final Map<String, Set<Integer>> keysMentioningName;
    private final String unavailableReason;
    private final CellAnalyzer analyzer = new CellAnalyzer();
    private final Map<Snippet, Set<String>> wordsOfSnippet = new WeakHashMap<>();
    private boolean lastCompileFiltered;

    private RelevantImports(SnippetsByKey snippetsByKey, Map<String, Set<Integer>> keysMentioningName,
                            String unavailableReason) {
        this.snippetsByKey = snippetsByKey;
        this.keysMentioningName = keysMentioningName;
        this.unavailableReason = unavailableReason;
    }

    /** Puts the filtering list into {@code jshell}; before {@link JShellRetention} reads that list. */
    @SuppressWarnings("unchecked")
    static RelevantImports install(JShell jshell) {
        if (Boolean.getBoolean(ALL_IMPORTS_PROPERTY)) {
            return new RelevantImports(null, null, null);
        }
        try {
            Object maps = field(JShell.class, "maps").get(jshell);
            Field byKey = field(maps.getClass(), "keyIndexToSnippet");
            Object dependencies = field(maps.getClass(), "dependencies").get(maps);
            if (!(byKey.get(maps) instanceof List<?> current) || !(dependencies instanceof Map<?, ?> index)) {
                throw new IllegalStateException("JShell's snippet maps are not what this kernel knows");
            }
            SnippetsByKey filtering = new SnippetsByKey((List<Snippet>) current);
            byKey.set(maps, filtering);
            return new RelevantImports(filtering, (Map<String, Set<Integer>>) index, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new RelevantImports(null, null, "every snippet is compiled against every declaration's import"
                    + " (JShell's internals are not open: " + e + "; run with --add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED)");
        }
    }

    /** Null when the filter works (or was turned off on purpose); else why it cannot. */
    String unavailableReason() {
        return unavailableReason;
    }

    /**
     * Runs {@code eval}, one {@code jshell.eval(source)} on the calling thread, with the import lines that
     * {@code source} and the snippets it makes JShell recompile can need.
     */
    <T> T compile(String source, Supplier<T> eval) {
        Set<String> wanted = snippetsByKey == null ? null : wantedBy(source);
        lastCompileFiltered = wanted != null;
        if (wanted == null) {
            return eval.get();
        }
        snippetsByKey.wantedNames = wanted;
        snippetsByKey.filteringThread = Thread.currentThread();
        try {
            return eval.get();
        } finally {
            snippetsByKey.filteringThread = null;
            snippetsByKey.wantedNames = Set.of();
        }
    }

    /** Import lines left out of compiles so far (each wrapper JShell writes counts). */
    long linesLeftOut() {
        return snippetsByKey == null ? 0 : snippetsByKey.linesLeftOut;
    }

    /** Whether the last {@link #compile} left import lines out (a rejection may then be retried with all). */
    boolean lastCompileFiltered() {
        return lastCompileFiltered;
    }

    /** The names whose import lines {@code source}'s eval needs; null for "all of them". */
    private Set<String> wantedBy(String source) {
        if (source.stripLeading().startsWith("import") || source.contains("\\u")) {
            return null; // a wildcard import recompiles everything; a Unicode escape can spell any name
        }
        CellAnalysis analysis = analyzer.analyze(source);
        if (!analysis.complete()) {
            return null;
        }
        Set<String> wanted = new HashSet<>(Identifiers.in(source));
        // A method whose body calls its own name is compiled together with every overload of that name.
        for (int key = 0; key < snippetsByKey.size(); key++) {
            if (snippetsByKey.get(key) instanceof MethodSnippet method && analysis.defines().contains(method.name())) {
                wanted.addAll(wordsOf(method));
            }
        }
        // JShell recompiles the live snippets that mention a declared name, then those that mention theirs.
        Deque<String> declared = new ArrayDeque<>(analysis.defines());
        Set<String> followed = new HashSet<>();
        while (!declared.isEmpty()) {
            String name = declared.pop();
            if (!followed.add(name)) {
                continue;
            }
            for (int key : keysMentioningName.getOrDefault(name, Set.of())) {
                Snippet dependent = key < snippetsByKey.size() ? snippetsByKey.get(key) : null;
                if (dependent == null) {
                    continue;
                }
                wanted.addAll(wordsOf(dependent));
                if (dependent instanceof PersistentSnippet declaration) {
                    declared.push(declaration.name());
                }
            }
        }
        return wanted;
    }

    private Set<String> wordsOf(Snippet snippet) {
        return wordsOfSnippet.computeIfAbsent(snippet, s -> Identifiers.in(s.source()));
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
