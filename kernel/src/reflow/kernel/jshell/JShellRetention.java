package reflow.kernel.jshell;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
 * <p>This reaches into jdk.jshell's internals, so the kernel runs with
 * {@code --add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED} (kernel.json). Without it, or on a JDK whose
 * internals differ, nothing is pruned and the session behaves as before ({@link #unavailableReason()}).
 */
final class JShellRetention {
    private static final String REPL_PACKAGE_PREFIX = "REPL.";
    private static final String WRAPPER_PREFIX = "$JShell$";

    private final JShell jshell;
    private final Object taskFactory;
    private final Map<String, ?> classFiles;
    private final Map<String, ?> trackedClasses;
    private final Map<String, ?> outerWraps;
    private final Method className;
    private final String unavailableReason;
    private final LoadedClasses loadedClasses;

    /** The kernel's side: where the loaded snippet classes are registered by name. */
    interface LoadedClasses {
        void forgetSnippetClasses(java.util.function.Predicate<String> isDead);
    }

    private JShellRetention(JShell jshell, LoadedClasses loadedClasses, Object taskFactory, Map<String, ?> classFiles,
                            Map<String, ?> trackedClasses, Map<String, ?> outerWraps, Method className,
                            String unavailableReason) {
        this.jshell = jshell;
        this.loadedClasses = loadedClasses;
        this.taskFactory = taskFactory;
        this.classFiles = classFiles;
        this.trackedClasses = trackedClasses;
        this.outerWraps = outerWraps;
        this.className = className;
        this.unavailableReason = unavailableReason;
    }

    static JShellRetention of(JShell jshell, LoadedClasses loadedClasses) {
        try {
            Object taskFactory = read(jshell, JShell.class, "taskFactory");
            Object fileManager = read(taskFactory, taskFactory.getClass(), "fileManager");
            Object classTracker = read(jshell, JShell.class, "classTracker");
            Object outerMap = read(jshell, JShell.class, "outerMap");
            Method className = Snippet.class.getDeclaredMethod("className");
            className.setAccessible(true);
            return new JShellRetention(jshell, loadedClasses, taskFactory, map(read(fileManager, fileManager.getClass(), "classObjects")),
                    map(read(classTracker, classTracker.getClass(), "map")),
                    map(read(outerMap, outerMap.getClass(), "classOuters")), className, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new JShellRetention(jshell, loadedClasses, null, null, null, null, null,
                    "JShell's internals are not open to the kernel (" + e + "); run it with"
                            + " --add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED to drop replaced snippets' classes");
        }
    }

    /** Null when pruning works; else why it cannot (and nothing is pruned). */
    String unavailableReason() {
        return unavailableReason;
    }

    /**
     * Forgets the wrapper classes of every snippet that is no longer active. Call between evaluations, on
     * the thread that evaluates: it holds the lock JShell compiles under, so no compile sees a map change.
     */
    void pruneReplaced() {
        if (unavailableReason != null) {
            return;
        }
        synchronized (taskFactory) {
            Set<String> live = liveWrapperClasses();
            prune(classFiles, live);
            prune(outerWraps, live);
            prune(trackedClasses, live);
            loadedClasses.forgetSnippetClasses(name -> isDead(name, live));
        }
    }

    /** How many wrapper classes each of JShell's maps holds (for tests and benchmarks that look for growth). */
    Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        if (unavailableReason == null) {
            synchronized (taskFactory) {
                sizes.put("jshellClassFiles", (long) classFiles.size());
                sizes.put("jshellTrackedClasses", (long) trackedClasses.size());
                sizes.put("jshellOuterWraps", (long) outerWraps.size());
            }
        }
        return sizes;
    }

    private Set<String> liveWrapperClasses() {
        Set<String> live = new HashSet<>();
        jshell.snippets().filter(s -> jshell.status(s).isActive()).forEach(s -> {
            try {
                Object name = className.invoke(s);
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
    private static Map<String, ?> map(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalStateException("not a map: " + value.getClass());
        }
        return (Map<String, ?>) m;
    }
}
