package reflow.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import reflow.kernel.copy.CopyMarks;
import reflow.kernel.copy.DeepCopier;

/**
 * Strict-mode copy cost: Reflow's Kryo copier against a Java-serialization deep copy, measured in the same
 * run on the same data. Not a test: run it by hand (see the report / README for the command).
 *
 * <p>Per case it prints the median wall time of N copies, the bytes allocated by one copy (all threads,
 * from {@code com.sun.management.ThreadMXBean}) and the heap the copy keeps alive (used heap after GC with
 * the copy held, minus without).
 */
public final class CopyBenchmark {

    record Row(String name, int count, double value) implements Serializable {}

    /** Same data as Row but mutable, so the copier must copy every instance. */
    static final class MutableRow implements Serializable {
        String name;
        int count;
        double value;

        MutableRow(String name, int count, double value) {
            this.name = name;
            this.count = count;
            this.value = value;
        }
    }

    static final class Node implements Serializable {
        final int id;
        double weight;
        final List<Node> links = new ArrayList<>();

        Node(int id) {
            this.id = id;
        }
    }

    record Case(String name, Supplier<Object> data) {}

    private static final int RUNS = Integer.getInteger("runs", 7);
    private static final int WARMUPS = Integer.getInteger("warmups", 2);
    private static final int SIZE = Integer.getInteger("size", 1_000_000);

    public static void main(String[] args) throws Exception {
        // Java serialization recurses through the 10,000-node graph: give it the stack the copier has.
        Thread bench = new Thread(null, CopyBenchmark::runAll, "bench", 1L << 30);
        bench.start();
        bench.join();
    }

    private static void runAll() {
        List<Case> cases = List.of(
                new Case("int[" + SIZE + "]", () -> new Random(1).ints(SIZE).toArray()),
                new Case("ArrayList<Integer> " + SIZE, () -> {
                    List<Integer> list = new ArrayList<>(SIZE);
                    for (int i = 0; i < SIZE; i++) list.add(i);
                    return list;
                }),
                new Case("HashMap<String,Row> " + SIZE + " (record)", () -> {
                    Map<String, Row> map = new HashMap<>();
                    for (int i = 0; i < SIZE; i++) map.put("key" + i, new Row("row" + i, i, i * 0.5));
                    return map;
                }),
                new Case("HashMap<String,MutableRow> " + SIZE, () -> {
                    Map<String, MutableRow> map = new HashMap<>();
                    for (int i = 0; i < SIZE; i++) map.put("key" + i, new MutableRow("row" + i, i, i * 0.5));
                    return map;
                }),
                new Case("graph 10000 nodes, 3 links each", CopyBenchmark::graph));

        DeepCopier copier = new DeepCopier(new CopyMarks());
        UnaryOperator<Object> kryo = value -> copier.copy("value", value).copy();
        UnaryOperator<Object> serialization = CopyBenchmark::serializationCopy;

        System.out.printf("runs=%d (after %d warm-ups), Java %s%n%n", RUNS, WARMUPS, System.getProperty("java.version"));
        System.out.printf("%-36s %12s %12s %8s %12s %12s %12s%n", "case", "kryo ms", "serial ms", "speedup",
                "kryo alloc", "serial alloc", "kryo kept");
        for (Case c : cases) {
            Object data = c.data().get();
            Measurement k = measure(kryo, data);
            Measurement s = measure(serialization, data);
            System.out.printf("%-36s %12.2f %12.2f %7.1fx %10.1fMB %10.1fMB %10.1fMB%n", c.name(), k.medianMillis,
                    s.medianMillis, s.medianMillis / k.medianMillis, mb(k.allocatedBytes), mb(s.allocatedBytes),
                    mb(k.retainedBytes));
        }
        copier.close();
    }

    private static Object graph() {
        Random random = new Random(7);
        Node[] nodes = new Node[10_000];
        for (int i = 0; i < nodes.length; i++) nodes[i] = new Node(i);
        for (Node node : nodes) {
            node.weight = random.nextDouble();
            for (int l = 0; l < 3; l++) node.links.add(nodes[random.nextInt(nodes.length)]);
        }
        return new ArrayList<>(Arrays.asList(nodes));
    }

    private static Object serializationCopy(Object value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    record Measurement(double medianMillis, long allocatedBytes, long retainedBytes) {}

    private static Measurement measure(UnaryOperator<Object> copy, Object data) {
        for (int i = 0; i < WARMUPS; i++) check(data, copy.apply(data));
        double[] millis = new double[RUNS];
        long allocated = 0;
        for (int i = 0; i < RUNS; i++) {
            long allocatedBefore = allocatedByAllThreads();
            long start = System.nanoTime();
            Object result = copy.apply(data);
            millis[i] = (System.nanoTime() - start) / 1e6;
            allocated = allocatedByAllThreads() - allocatedBefore;
            check(data, result);
        }
        Arrays.sort(millis);
        long heapBefore = usedHeapAfterGc();
        Object kept = copy.apply(data);
        long retained = usedHeapAfterGc() - heapBefore;
        check(data, kept);
        java.lang.ref.Reference.reachabilityFence(kept);
        return new Measurement(millis[RUNS / 2], allocated, retained);
    }

    /** A copy that is the original or differs in size would make the timing meaningless. */
    private static void check(Object original, Object copy) {
        if (copy == original) throw new IllegalStateException("not copied: " + original.getClass());
        int expected = original instanceof int[] a ? a.length : original instanceof Map<?, ?> m ? m.size()
                : ((List<?>) original).size();
        int actual = copy instanceof int[] a ? a.length : copy instanceof Map<?, ?> m ? m.size() : ((List<?>) copy).size();
        if (expected != actual) throw new IllegalStateException("copy has " + actual + " elements, not " + expected);
    }

    private static long allocatedByAllThreads() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(b -> b > 0).sum();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }
}
