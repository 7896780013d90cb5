package reflow.kernel.copy;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cell that mutates its copy must never change what other cells see. */
class DeepCopierIsolationTest {
    private final DeepCopier copier = new DeepCopier(new CopyMarks());

    @SuppressWarnings("unchecked")
    private <T> T copyOf(T value) {
        CopyResult result = copier.copy("x", value);
        assertEquals(List.of(), result.warnings(), "plain data copies without warnings");
        return (T) result.copy();
    }

    @Test
    void arrayList() {
        List<String> original = new ArrayList<>(List.of("a", "b"));
        List<String> copy = copyOf(original);
        copy.add("c");
        copy.set(0, "z");
        assertEquals(List.of("a", "b"), original);
        assertEquals(List.of("z", "b", "c"), copy);
    }

    @Test
    void hashMap() {
        Map<String, List<Integer>> original = new HashMap<>(Map.of("k", new ArrayList<>(List.of(1))));
        Map<String, List<Integer>> copy = copyOf(original);
        copy.get("k").add(2);
        copy.put("other", new ArrayList<>());
        assertEquals(Map.of("k", List.of(1)), original);
    }

    @Test
    void intArray() {
        int[] original = {1, 2, 3};
        int[] copy = copyOf(original);
        copy[0] = 99;
        assertArrayEquals(new int[] {1, 2, 3}, original);
    }

    static class Account {
        String owner;
        double balance;
        List<String> history = new ArrayList<>();
    }

    @Test
    void objectFields() {
        Account original = new Account();
        original.owner = "ada";
        original.history.add("open");
        Account copy = copyOf(original);
        copy.balance = 100;
        copy.owner = "bob";
        copy.history.add("deposit");
        assertEquals(0, original.balance);
        assertEquals("ada", original.owner);
        assertEquals(List.of("open"), original.history);
    }

    @Test
    void nestedStructures() {
        Map<String, List<int[]>> original = new HashMap<>();
        original.put("rows", new ArrayList<>(List.of(new int[] {1, 2}, new int[] {3})));
        Map<String, List<int[]>> copy = copyOf(original);
        copy.get("rows").get(0)[1] = 42;
        copy.get("rows").add(new int[0]);
        assertEquals(2, original.get("rows").get(0)[1]);
        assertEquals(2, original.get("rows").size());
    }

    record Basket(String owner, List<String> items) {}

    @Test
    void recordWithMutableComponentIsCopied() {
        Basket original = new Basket("ada", new ArrayList<>(List.of("apple")));
        Basket copy = copyOf(original);
        assertNotSame(original, copy);
        copy.items().add("pear");
        assertEquals(List.of("apple"), original.items());
        assertEquals("ada", copy.owner());
    }

    static class Point {
        final int x;
        final List<String> tags;

        Point(int x, List<String> tags) { // no no-arg constructor
            this.x = x;
            this.tags = tags;
        }
    }

    @Test
    void classWithoutNoArgConstructor() {
        Point original = new Point(3, new ArrayList<>(List.of("t")));
        Point copy = copyOf(original);
        assertNotSame(original, copy);
        assertEquals(3, copy.x);
        copy.tags.add("u");
        assertEquals(List.of("t"), original.tags);
    }

    static class Node {
        String name;
        Node next;
        List<Node> links = new ArrayList<>();

        Node(String name) {
            this.name = name;
        }
    }

    @Test
    void cyclesArePreservedInTheCopy() {
        Node a = new Node("a"), b = new Node("b");
        a.next = b;
        b.next = a;
        a.links.add(a);
        Node copy = copyOf(a);
        assertNotSame(a, copy);
        assertSame(copy, copy.next.next);
        assertSame(copy, copy.links.get(0));
        copy.next.name = "changed";
        assertEquals("b", b.name);
    }

    @Test
    void sharedSubgraphStaysSharedWithinOneCopy() {
        List<String> shared = new ArrayList<>(List.of("s"));
        List<List<String>> original = new ArrayList<>(List.of(shared, shared));
        List<List<String>> copy = copyOf(original);
        assertNotSame(shared, copy.get(0));
        assertSame(copy.get(0), copy.get(1));
        copy.get(0).add("t");
        assertEquals(List.of("s", "t"), copy.get(1));
        assertEquals(List.of("s"), shared);
    }

    @Test
    void jdkCollectionViewsAndWrappers() {
        StringBuilder text = new StringBuilder("v");
        List<StringBuilder> backing = new ArrayList<>(List.of(text, new StringBuilder("w")));
        TreeMap<String, StringBuilder> sorted = new TreeMap<>(Collections.reverseOrder());
        sorted.put("a", text);
        sorted.put("b", new StringBuilder());
        Map<String, Object> original = new HashMap<>();
        original.put("listOf", List.of(text));
        original.put("mapOf", Map.of("k", text));
        original.put("unmodifiable", Collections.unmodifiableList(backing));
        original.put("unmodifiableMap", Collections.unmodifiableMap(new HashMap<>(Map.of("k", text))));
        original.put("synchronized", Collections.synchronizedList(backing));
        original.put("asList", Arrays.asList(text));
        original.put("subList", backing.subList(0, 1));
        original.put("keySet", sorted.navigableKeySet());
        original.put("values", sorted.values());
        original.put("entries", sorted.entrySet());
        original.put("sorted", sorted);

        Map<String, Object> copy = copyOf(original);

        assertEquals(original.toString(), copy.toString());
        StringBuilder copiedText = ((List<StringBuilder>) copy.get("listOf")).get(0);
        assertNotSame(text, copiedText);
        copiedText.append("-mutated"); // the one copied StringBuilder is shared by every copied container
        assertEquals("v", text.toString());
        assertSame(copiedText, ((List<?>) copy.get("unmodifiable")).get(0));
        assertSame(copiedText, ((List<?>) copy.get("subList")).get(0));
        assertSame(copiedText, ((Map<?, ?>) copy.get("sorted")).get("a"));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) copy.get("unmodifiable")).add(1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) copy.get("listOf")).add(1));
        assertEquals(List.of("b", "a"), List.copyOf((Set<?>) copy.get("keySet")), "comparator kept");
    }

    @Test
    void classFromAnotherClassLoader(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("Counter.java");
        Files.writeString(source, """
                public class Counter {
                    public int n;
                    public java.util.List<String> log = new java.util.ArrayList<>();
                    public Counter(int n) { this.n = n; }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", dir.toString(), source.toString()));
        try (URLClassLoader snippetLoader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            Class<?> counterClass = snippetLoader.loadClass("Counter");
            Object original = counterClass.getConstructor(int.class).newInstance(5);
            copier.setClassLoader(snippetLoader);

            Object copy = copyOf(original);

            assertSame(counterClass, copy.getClass());
            counterClass.getField("n").setInt(copy, 6);
            @SuppressWarnings("unchecked")
            List<String> log = (List<String>) counterClass.getField("log").get(copy);
            log.add("entry");
            assertEquals(5, counterClass.getField("n").getInt(original));
            assertEquals(List.of(), counterClass.getField("log").get(original));
        }
    }

    @Test
    void copierKeepsNoReferenceAfterCopying() {
        WeakReference<?>[] refs = copyAndForget();
        for (int i = 0; i < 50 && (refs[0].get() != null || refs[1].get() != null); i++) {
            System.gc();
            byte[] pressure = new byte[1 << 20];
            assertNotNull(pressure);
        }
        assertNull(refs[0].get(), "original still reachable from the copier");
        assertNull(refs[1].get(), "copy still reachable from the copier");
    }

    private WeakReference<?>[] copyAndForget() {
        List<int[]> original = new ArrayList<>(List.of(new int[100_000]));
        Object copy = copier.copy("x", original).copy();
        return new WeakReference<?>[] {new WeakReference<>(original), new WeakReference<>(copy)};
    }

    /** An inner class instance keeps its outer instance (Kryo's default would drop the synthetic this$0). */
    static final class Outer {
        final List<String> names = new ArrayList<>(List.of("a"));

        final class Inner {
            int count() {
                return names.size();
            }
        }
    }

    @Test
    void innerClassInstancesKeepACopyOfTheirOuterInstance() {
        Outer outer = new Outer();
        Outer.Inner inner = outer.new Inner();
        Outer.Inner copy = copyOf(inner);
        assertEquals(1, copy.count());
        outer.names.add("b");
        assertEquals(1, copy.count(), "the copy's outer instance is a copy, not the original");
    }
}
