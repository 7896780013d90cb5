package reflow.kernel.copy;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.*;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Walks the public classes of java.util, java.util.concurrent and java.util.concurrent.atomic (and the
 * legacy date types of java.sql and java.text), makes an instance of each one that can be made, puts data
 * in it, and checks strict mode's copy: either a copy sharing no mutable object with the original, or, for
 * the types that stand for threads and synchronisation, the original shared with a warning.
 */
class JdkTypesCopyTest {
    private static final List<String> PACKAGES = List.of("java/util", "java/util/concurrent",
            "java/util/concurrent/atomic");
    private static final List<Class<?>> LEGACY_DATES = List.of(java.sql.Date.class, java.sql.Time.class,
            java.sql.Timestamp.class, java.text.SimpleDateFormat.class, java.text.DecimalFormat.class);

    /** Mutable, but standing for threads or coordination between them: a copy would be a lie. */
    private static final Set<String> SHARED_BY_DESIGN = Set.of(
            "java.util.Timer", "java.util.concurrent.ArrayBlockingQueue", "java.util.concurrent.CompletableFuture",
            "java.util.concurrent.CountDownLatch", "java.util.concurrent.CyclicBarrier",
            "java.util.concurrent.DelayQueue", "java.util.concurrent.Exchanger", "java.util.concurrent.ForkJoinPool",
            "java.util.concurrent.FutureTask", "java.util.concurrent.LinkedBlockingDeque",
            "java.util.concurrent.LinkedBlockingQueue", "java.util.concurrent.LinkedTransferQueue",
            "java.util.concurrent.Phaser", "java.util.concurrent.PriorityBlockingQueue",
            "java.util.concurrent.ScheduledThreadPoolExecutor", "java.util.concurrent.Semaphore",
            "java.util.concurrent.SynchronousQueue", "java.util.concurrent.ThreadPoolExecutor",
            "java.util.concurrent.ForkJoinTask", "java.util.Scanner", "java.util.Formatter",
            "java.util.concurrent.SubmissionPublisher");

    /** Values that can never change; the copier shares them, and that is right. */
    private static final Set<String> IMMUTABLE = Set.of(
            "java.util.Optional", "java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble",
            "java.util.UUID", "java.util.Locale", "java.util.Currency", "java.util.HexFormat",
            "java.util.Base64$Encoder", "java.util.Base64$Decoder", "java.util.concurrent.TimeUnit");

    /** Fields the JDK points at one cached object for every instance (the enum's constants). */
    private static final Set<String> SHARED_BY_ALL_INSTANCES = Set.of("java.util.EnumMap.keyUniverse",
            "java.util.EnumSet.universe");

    /** Instances of classes without a public no-argument constructor. */
    private static final Map<Class<?>, Supplier<Object>> FACTORIES = Map.ofEntries(
            Map.entry(EnumMap.class, () -> new EnumMap<>(TimeUnit.class)),
            Map.entry(AtomicIntegerArray.class, () -> new AtomicIntegerArray(new int[] {1, 2})),
            Map.entry(AtomicLongArray.class, () -> new AtomicLongArray(new long[] {1, 2})),
            Map.entry(AtomicReferenceArray.class, () -> new AtomicReferenceArray<>(new Object[] {new StringBuilder("e")})),
            Map.entry(AtomicStampedReference.class, () -> new AtomicStampedReference<>(new StringBuilder("s"), 1)),
            Map.entry(AtomicMarkableReference.class, () -> new AtomicMarkableReference<>(new StringBuilder("m"), true)),
            Map.entry(LongAccumulator.class, () -> new LongAccumulator(Long::max, 0)),
            Map.entry(DoubleAccumulator.class, () -> new DoubleAccumulator(Double::max, 0)),
            Map.entry(StringJoiner.class, () -> new StringJoiner(",")),
            Map.entry(StringTokenizer.class, () -> new StringTokenizer("a b c")),
            Map.entry(AbstractMap.SimpleEntry.class, () -> new AbstractMap.SimpleEntry<>("k", new StringBuilder("v"))),
            Map.entry(java.sql.Date.class, () -> new java.sql.Date(86_400_000L)),
            Map.entry(java.sql.Time.class, () -> new java.sql.Time(3_600_000L)),
            Map.entry(java.sql.Timestamp.class, () -> new java.sql.Timestamp(1_000_000L)),
            Map.entry(SplittableRandom.class, () -> new SplittableRandom(42)),
            Map.entry(java.util.concurrent.ArrayBlockingQueue.class, () -> new java.util.concurrent.ArrayBlockingQueue<>(4)),
            Map.entry(java.util.concurrent.Semaphore.class, () -> new java.util.concurrent.Semaphore(1)),
            Map.entry(java.util.concurrent.CountDownLatch.class, () -> new java.util.concurrent.CountDownLatch(1)),
            Map.entry(java.util.concurrent.CyclicBarrier.class, () -> new java.util.concurrent.CyclicBarrier(2)));

    private final DeepCopier copier = new DeepCopier(new CopyMarks());

    @Test
    void everyInstantiableMutableJdkTypeCopiesIndependentlyOrIsSharedWithAWarning() throws Exception {
        List<String> problems = new ArrayList<>();
        List<String> copied = new ArrayList<>();
        List<String> shared = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Class<?> type : publicConcreteClasses()) {
            Object original = instantiate(type);
            if (original == null) {
                skipped.add(type.getName());
                continue;
            }
            fill(original);
            String snapshot = describe(original);
            CopyResult result = copier.copy("x", original);
            Object copy = result.copy();
            if (IMMUTABLE.contains(type.getName())) {
                if (copy != original) problems.add(type.getName() + ": immutable, yet copied");
                continue;
            }
            if (SHARED_BY_DESIGN.contains(type.getName())) {
                if (copy != original) problems.add(type.getName() + ": stands for threads, yet copied");
                else if (result.warnings().isEmpty()) problems.add(type.getName() + ": shared without a warning");
                else shared.add(type.getName());
                continue;
            }
            String problem = independenceProblem(original, copy, result);
            if (problem != null) {
                problems.add(type.getName() + ": " + problem);
            } else if (!describe(original).equals(snapshot)) {
                problems.add(type.getName() + ": copying changed the original");
            } else {
                copied.add(type.getName());
            }
        }
        System.out.println("JDK types copied independently (" + copied.size() + "): " + copied);
        System.out.println("JDK types shared by design, with a warning (" + shared.size() + "): " + shared);
        System.out.println("JDK types without a public constructor to test (" + skipped.size() + "): " + skipped);
        assertEquals(List.of(), problems);
        assertTrue(copied.containsAll(List.of("java.util.EnumMap", "java.util.concurrent.atomic.AtomicInteger",
                "java.util.concurrent.atomic.AtomicLong", "java.util.Date", "java.util.GregorianCalendar",
                "java.util.ArrayList", "java.util.concurrent.ConcurrentHashMap")), copied.toString());
    }

    /** The tests of this JVM (surefire's argLine) open what installed kernels open (the kernelspec template). */
    @Test
    void thisJvmOpensWhatTheKernelspecOpens() {
        Module unnamed = JdkTypesCopyTest.class.getModule();
        assertFalse(reflow.testing.KernelspecFlags.OPENS.isEmpty());
        for (String flag : reflow.testing.KernelspecFlags.OPENS) {
            String moduleName = flag.substring("--add-opens=".length(), flag.indexOf('/'));
            String pkg = flag.substring(flag.indexOf('/') + 1, flag.indexOf('=', flag.indexOf('/')));
            Module module = ModuleLayer.boot().findModule(moduleName).orElseThrow();
            assertTrue(module.isOpen(pkg, unnamed), pkg + " is not open here; pom.xml's argLine lacks " + flag);
        }
    }

    @Test
    void arraysOfEveryKindCopy() {
        Object[] arrays = {new int[] {1}, new long[] {1}, new double[] {1}, new float[] {1}, new short[] {1},
                new byte[] {1}, new char[] {'a'}, new boolean[] {true}, new String[] {"a"},
                new StringBuilder[] {new StringBuilder("a")}, new int[][] {{1}, {2}}, new Object[] {new int[] {1}}};
        for (Object array : arrays) {
            CopyResult result = copier.copy("x", array);
            assertNull(independenceProblem(array, result.copy(), result), array.getClass().getSimpleName());
        }
    }

    /** Null when the copy is a faithful, fully separate copy; otherwise what is wrong. */
    private static String independenceProblem(Object original, Object copy, CopyResult result) {
        if (!result.warnings().isEmpty()) return "warned " + result.warnings();
        if (copy == original) return "shared, not copied";
        if (copy == null || copy.getClass() != original.getClass()) return "copied as " + (copy == null ? null : copy.getClass());
        if (!describe(copy).equals(describe(original))) return "copy differs: " + describe(copy) + " vs " + describe(original);
        Set<Object> originalGraph = reachable(original);
        Set<Object> staticValues = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object o : reachable(copy)) {
            staticValues.addAll(staticFieldValues(o.getClass()));
        }
        for (Object o : reachable(copy)) {
            if (originalGraph.contains(o) && !isValue(o) && !staticValues.contains(o)) {
                return "the copy shares a mutable " + o.getClass().getName() + " with the original";
            }
        }
        return null;
    }

    /** Objects that never change, or that the JDK shares between all instances anyway. */
    private static boolean isValue(Object o) {
        return o instanceof String || o instanceof Number && o.getClass().getName().startsWith("java.lang.")
                || o instanceof Boolean || o instanceof Character || o instanceof Enum || o instanceof Class
                || ImmutableTypes.isImmutable(o.getClass()) || o.getClass().isArray() && Array.getLength(o) == 0
                || o.getClass().isSynthetic() || o.getClass().isHidden(); // lambdas (comparators, accumulators)
    }

    /** Everything reachable through instance fields and array slots (fields closed to reflection are skipped). */
    private static Set<Object> reachable(Object root) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            Object o = pending.pop();
            // The insides of values that never change do not matter (a shared Locale shares its BaseLocale).
            if (!seen.add(o) || o != root && isValue(o) || o instanceof Thread || o instanceof ClassLoader) continue;
            Class<?> type = o.getClass();
            if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(o); i++) {
                        Object element = Array.get(o, i);
                        if (element != null) pending.push(element);
                    }
                }
                continue;
            }
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive() || !f.trySetAccessible()
                            || SHARED_BY_ALL_INSTANCES.contains(c.getName() + "." + f.getName())) continue;
                    try {
                        Object value = f.get(o);
                        if (value != null) pending.push(value);
                    } catch (IllegalAccessException ignored) {
                        // not readable: treated as a leaf
                    }
                }
            }
        }
        return seen;
    }

    private static List<Object> staticFieldValues(Class<?> type) {
        List<Object> values = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive() || !f.trySetAccessible()) continue;
                try {
                    Object value = f.get(null);
                    if (value != null) values.add(value);
                } catch (IllegalAccessException | RuntimeException | LinkageError ignored) {
                    // not readable
                }
            }
        }
        return values;
    }

    /** A view of the state, to compare a copy with its original; reading it must not change it. */
    private static String describe(Object o) {
        return describe(o, 4);
    }

    private static String describe(Object o, int depth) {
        if (o == null) return "null";
        if (o.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(o); i++) items.add(describe(Array.get(o, i), depth - 1));
            return items.toString();
        }
        if (o instanceof Collection<?> c && !(o instanceof List) && !(o instanceof Queue)) {
            List<String> items = new ArrayList<>();
            c.forEach(x -> items.add(String.valueOf(x)));
            Collections.sort(items);
            return o.getClass().getSimpleName() + items;
        }
        if (overridesToString(o.getClass()) || depth == 0) {
            return overridesToString(o.getClass()) ? String.valueOf(o) : o.getClass().getName();
        }
        // No toString of its own (Random, Observable, AtomicStampedReference...): its fields, as far as readable.
        StringBuilder fields = new StringBuilder(o.getClass().getName()).append('{');
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || !f.trySetAccessible()) continue;
                try {
                    fields.append(f.getName()).append('=').append(describe(f.get(o), depth - 1)).append(' ');
                } catch (IllegalAccessException ignored) {
                    // not readable
                }
            }
        }
        return fields.append('}').toString();
    }

    private static boolean overridesToString(Class<?> type) {
        try {
            return type.getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void fill(Object o) {
        if (o instanceof EnumMap m) m.put(TimeUnit.SECONDS, new StringBuilder("v"));
        else if (o instanceof Map m) m.put("k", new StringBuilder("v"));
        else if (o instanceof Collection c && !SHARED_BY_DESIGN.contains(o.getClass().getName())) {
            c.add(new StringBuilder("a"));
            c.add(new StringBuilder("b"));
        }
        if (o instanceof AtomicInteger a) a.set(7);
        if (o instanceof AtomicLong a) a.set(7);
        if (o instanceof AtomicBoolean a) a.set(true);
        if (o instanceof AtomicReference a) a.set(new StringBuilder("r"));
        if (o instanceof LongAdder a) a.add(7);
        if (o instanceof DoubleAdder a) a.add(7);
        if (o instanceof LongAccumulator a) a.accumulate(7);
        if (o instanceof DoubleAccumulator a) a.accumulate(7);
        if (o instanceof Date d) d.setTime(d.getTime() + 1234);
        if (o instanceof Calendar c) c.set(Calendar.YEAR, 1999);
        if (o instanceof BitSet b) b.set(3);
        if (o instanceof StringJoiner j) j.add("a").add("b");
        if (o instanceof Random r && !(o instanceof java.security.SecureRandom)) r.nextInt();
        if (o instanceof SimpleTimeZone z) z.setRawOffset(3_600_000);
        if (o instanceof StringTokenizer t) t.nextToken();
        if (o instanceof IntSummaryStatistics s) s.accept(3);
        if (o instanceof LongSummaryStatistics s) s.accept(3);
        if (o instanceof DoubleSummaryStatistics s) s.accept(3);
        if (o instanceof Observable) { /* only observers and a flag: nothing to add from outside */ }
    }

    private static Object instantiate(Class<?> type) {
        Supplier<Object> factory = FACTORIES.get(type);
        if (factory != null) return factory.get();
        try {
            Constructor<?> constructor = type.getConstructor();
            return constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static List<Class<?>> publicConcreteClasses() throws IOException {
        List<Class<?>> classes = new ArrayList<>();
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        for (String pkg : PACKAGES) {
            try (Stream<Path> files = Files.list(jrt.getPath("/modules/java.base", pkg))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    String name = pkg.replace('/', '.') + "." + file.getFileName().toString().replace(".class", "");
                    Class<?> type;
                    try {
                        type = Class.forName(name, false, ClassLoader.getSystemClassLoader());
                    } catch (ClassNotFoundException | LinkageError e) {
                        continue;
                    }
                    if (isPublicConcrete(type)) classes.add(type);
                }
            }
        }
        classes.addAll(LEGACY_DATES);
        return classes;
    }

    /** Public, instantiable in principle, and reachable by name (nested classes only in public outers). */
    private static boolean isPublicConcrete(Class<?> type) {
        int m = type.getModifiers();
        if (!Modifier.isPublic(m) || Modifier.isAbstract(m) || type.isInterface() || type.isEnum()
                || type.isAnnotation() || Throwable.class.isAssignableFrom(type)) return false;
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            if (!Modifier.isPublic(outer.getModifiers())) return false;
        }
        return !type.isAnonymousClass() && !type.isLocalClass();
    }
}
