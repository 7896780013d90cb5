package reflow.kernel.jshell;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * Drops what JShell keeps for the wrapper classes of snippets that were replaced or dropped. JShell's API
 * has no way to forget them, and they cost more than memory: JShell's file manager lists every class file
 * it ever generated whenever javac looks into the REPL package, which it does on every compile, so an
 * execute gets slower the longer the session (a 20-cell notebook edited 2,000 times spent most of each
 * compile listing some 5,000 dead class files). Three maps inside JShell are pruned, all keyed by wrapper
 * class name: the file manager's class files (what javac compiles against), the outer wraps (wrapped
 * source and line maps, to translate stack frames) and the class tracker (the bytes of every class loaded,
 * kept for redefinition), and the kernel's own registry of live classes, so the batch loaders of replaced
 * snippets can be unloaded.
 *
 * <p>Forgetting the class tracker's entries also saves compiles. When a dropped variable is declared again,
 * JShell starts from its first wrapper name and, with in-process execution (which cannot redefine a class),
 * compiles once more for every wrapper name the variable ever had, each time finding that name loaded; a
 * variable a cascade re-declares 100 times cost 100 compiles. Without the entry, JShell loads the name
 * afresh, which a new batch loader can do (the old class with that name lives in a dead loader, and every
 * live class that used it was recompiled under a new name when it died).
 *
 * <p>JShell's record of the snippets themselves goes too: its set of all snippets (what
 * {@link JShell#snippets()} returns, which JShell copies on every compile), the latest snippet per key
 * (one key per expression or statement ever run, each holding its source and wrapped source) and the
 * index of which keys use which name. JShell reads all three only for active snippets, and a key whose
 * snippet is gone is treated as new when declared again, as it was.
 *
 * <p>This reaches into jdk.jshell's internals, so the kernel runs with
 * {@code --add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED} (kernel.json). Without it, or on a JDK whose
 * internals differ, nothing is pruned and the session behaves as before ({@link #unavailableReason()}).
 */
final class JShellRetention {
    private static final String REPL_PACKAGE_PREFIX = "REPL.";
    private static final String WRAPPER_PREFIX = "$JShell$";

    /** The kernel's side: where the loaded snippet classes are registered by name. */
    interface LoadedClasses {
        void forgetSnippetClasses(Predicate<String> isDead);
    }

    /** The parts of JShell that hold on to replaced snippets, reached by reflection. */
    private record Internals(Object taskFactory, Map<String, ?> classFiles, Map<String, ?> trackedClasses,
                             Map<String, ?> outerWraps, Set<Snippet> snippets, List<Snippet> snippetByKey,
                             Map<String, Set<Integer>> keysUsingName, Method className) {}

    private final JShell jshell;
    private final LoadedClasses loadedClasses;
    /** Wrappers of code kept for re-runs ({@link CompiledCells}): their wraps still translate stack traces. */
    private final Supplier<Set<String>> keptForReruns;
    private final Internals internals;
    private final String unavailableReason;

    private JShellRetention(JShell jshell, LoadedClasses loadedClasses, Supplier<Set<String>> keptForReruns,
                            Internals internals, String unavailableReason) {
        this.jshell = jshell;
        this.loadedClasses = loadedClasses;
        this.keptForReruns = keptForReruns;
        this.internals = internals;
        this.unavailableReason = unavailableReason;
    }

    static JShellRetention of(JShell jshell, LoadedClasses loadedClasses, Supplier<Set<String>> keptForReruns) {
        try {
            Object taskFactory = read(jshell, JShell.class, "taskFactory");
            Object fileManager = read(taskFactory, taskFactory.getClass(), "fileManager");
            Object classTracker = read(jshell, JShell.class, "classTracker");
            Object outerMap = read(jshell, JShell.class, "outerMap");
            Object maps = read(jshell, JShell.class, "maps");
            Method className = Snippet.class.getDeclaredMethod("className");
            className.setAccessible(true);
            Internals internals = new Internals(taskFactory, cast(read(fileManager, fileManager.getClass(), "classObjects"), Map.class),
                    cast(read(classTracker, classTracker.getClass(), "map"), Map.class),
                    cast(read(outerMap, outerMap.getClass(), "classOuters"), Map.class),
                    cast(read(maps, maps.getClass(), "snippets"), Set.class),
                    cast(read(maps, maps.getClass(), "keyIndexToSnippet"), List.class),
                    cast(read(maps, maps.getClass(), "dependencies"), Map.class), className);
            return new JShellRetention(jshell, loadedClasses, keptForReruns, internals, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new JShellRetention(jshell, loadedClasses, keptForReruns, null,
                    "JShell's internals are not open to the kernel (" + e + "); run it with"
                            + " --add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED to drop replaced snippets' classes");
        }
    }

    /** Null when pruning works; else why it cannot (and nothing is pruned). */
    String unavailableReason() {
        return unavailableReason;
    }

    /**
     * Forgets everything of every snippet that is no longer active. Call between evaluations, on the
     * thread that evaluates: it holds the lock JShell compiles under, so no compile sees a map change.
     */
    void pruneReplaced() {
        if (internals == null) {
            return;
        }
        synchronized (internals.taskFactory()) {
            Set<String> live = liveWrapperClasses();
            prune(internals.classFiles(), live);
            Set<String> translatable = new HashSet<>(live);
            translatable.addAll(keptForReruns.get());
            prune(internals.outerWraps(), translatable);
            prune(internals.trackedClasses(), live);
            loadedClasses.forgetSnippetClasses(name -> isDead(name, live));
            forgetInactiveSnippets();
        }
    }

    private void forgetInactiveSnippets() {
        internals.snippets().removeIf(s -> !jshell.status(s).isActive());
        List<Snippet> byKey = internals.snippetByKey();
        for (int key = 0; key < byKey.size(); key++) {
            Snippet s = byKey.get(key);
            if (s != null && !jshell.status(s).isActive()) {
                byKey.set(key, null);
            }
        }
        internals.keysUsingName().values().removeIf(keys -> {
            keys.removeIf(key -> key >= byKey.size() || byKey.get(key) == null);
            return keys.isEmpty();
        });
    }

    /** How much each of JShell's per-snippet structures holds (for tests and benchmarks that look for growth). */
    Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        if (internals != null) {
            synchronized (internals.taskFactory()) {
                sizes.put("jshellClassFiles", (long) internals.classFiles().size());
                sizes.put("jshellTrackedClasses", (long) internals.trackedClasses().size());
                sizes.put("jshellOuterWraps", (long) internals.outerWraps().size());
                sizes.put("jshellKeysHeld", internals.snippetByKey().stream().filter(s -> s != null).count());
            }
        }
        return sizes;
    }

    private Set<String> liveWrapperClasses() {
        Set<String> live = new HashSet<>();
        jshell.snippets().filter(s -> jshell.status(s).isActive()).forEach(s -> {
            try {
                Object name = internals.className().invoke(s);
                if (name instanceof String n) {
                    live.add(n);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // a snippet without a wrap (never compiled) has no class to keep
            }
        });
        return live;
    }

    private static void prune(Map<String, ?> byClassName, Set<String> liveWrappers) {
        byClassName.keySet().removeIf(name -> isDead(name, liveWrappers));
    }

    private static boolean isDead(String className, Set<String> liveWrappers) {
        String wrapper = wrapperOf(className);
        return wrapper != null && !liveWrappers.contains(wrapper);
    }

    /**
     * The wrapper class a class belongs to: "REPL.$JShell$12B$Point" and "$JShell$12B" belong to
     * "$JShell$12B"; null for anything that is not a snippet wrapper (kept).
     */
    static String wrapperOf(String className) {
        String name = className.startsWith(REPL_PACKAGE_PREFIX) ? className.substring(REPL_PACKAGE_PREFIX.length()) : className;
        if (!name.startsWith(WRAPPER_PREFIX) || name.length() == WRAPPER_PREFIX.length()
                || !Character.isDigit(name.charAt(WRAPPER_PREFIX.length()))) {
            return null; // also $JShell$DOESNOTMATTER, JShell's trial wrapper
        }
        int nested = name.indexOf('$', WRAPPER_PREFIX.length());
        return nested < 0 ? name : name.substring(0, nested);
    }

    private static Object read(Object target, Class<?> type, String field) throws ReflectiveOperationException {
        Field f = type.getDeclaredField(field);
        f.setAccessible(true);
        Object value = f.get(target);
        if (value == null) {
            throw new NoSuchFieldException(type.getName() + "." + field + " is null");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value, Class<?> type) {
        if (!type.isInstance(value)) {
            throw new IllegalStateException("JShell internals changed: " + value.getClass() + " is not a " + type);
        }
        return (T) value;
    }
}
