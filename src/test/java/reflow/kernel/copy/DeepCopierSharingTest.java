package reflow.kernel.copy;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the copier shares instead of copying, and what it tells the user about it. */
class DeepCopierSharingTest {
    private final CopyMarks marks = new CopyMarks();
    private final DeepCopier copier = new DeepCopier(marks);

    @Test
    void zeroCopyAloneIsSharedSilently() {
        List<String> big = marks.zeroCopy(new ArrayList<>(List.of("a")));
        CopyResult result = copier.copy("big", big);
        assertSame(big, result.copy());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void zeroCopyInsideCopiedContainers() {
        List<String> a = marks.zeroCopy(new ArrayList<>(List.of("a")));
        List<String> b = new ArrayList<>(List.of("b"));

        List<?> listCopy = (List<?>) copier.copy("list", List.of(a, b)).copy();
        assertSame(a, listCopy.get(0));
        assertNotSame(b, listCopy.get(1));
        assertEquals(b, listCopy.get(1));

        Map<String, Object> map = new HashMap<>(Map.of("a", a, "b", b));
        Map<?, ?> mapCopy = (Map<?, ?>) copier.copy("map", map).copy();
        assertNotSame(map, mapCopy);
        assertSame(a, mapCopy.get("a"));
        assertNotSame(b, mapCopy.get("b"));

        Object[] arrayCopy = (Object[]) copier.copy("array", new Object[] {a, b}).copy();
        assertSame(a, arrayCopy[0]);
        assertNotSame(b, arrayCopy[1]);
    }

    @Test
    void shallowCopyCopiesTheContainerOnly() {
        StringBuilder element = new StringBuilder("e");
        List<StringBuilder> list = marks.shallowCopy(new ArrayList<>(List.of(element)));

        @SuppressWarnings("unchecked")
        List<StringBuilder> copy = (List<StringBuilder>) copier.copy("list", list).copy();

        assertNotSame(list, copy);
        assertSame(element, copy.get(0));
        copy.add(new StringBuilder());
        assertEquals(1, list.size());
    }

    @Test
    void shallowCopyInsideCopiedContainers() {
        StringBuilder element = new StringBuilder("e");
        List<StringBuilder> shallow = marks.shallowCopy(new ArrayList<>(List.of(element)));
        List<StringBuilder> deep = new ArrayList<>(List.of(new StringBuilder("d")));

        List<?> copy = (List<?>) copier.copy("pair", List.of(shallow, deep)).copy();
        List<?> shallowCopy = (List<?>) copy.get(0), deepCopy = (List<?>) copy.get(1);
        assertNotSame(shallow, shallowCopy);
        assertSame(element, shallowCopy.get(0));
        assertNotSame(deep, deepCopy);
        assertNotSame(deep.get(0), deepCopy.get(0));

        Object[] arrayCopy = (Object[]) copier.copy("array", new Object[] {shallow}).copy();
        assertNotSame(shallow, arrayCopy[0]);
        assertSame(element, ((List<?>) arrayCopy[0]).get(0));
    }

    enum Color { RED }

    record Reading(String sensor, int count, double value) {}

    static final class Money {
        private final BigDecimal amount;
        private final String currency;

        Money(BigDecimal amount, String currency) {
            this.amount = amount;
            this.currency = currency;
        }
    }

    @Test
    void immutablesAreReturnedAsTheSameInstance() {
        List<Object> immutables = List.of("text", 42, 3.5, 'c', true, new BigInteger("123"), new BigDecimal("1.5"),
                LocalDate.of(2024, 1, 2), Duration.ofSeconds(3), Color.RED, TimeUnit.SECONDS, UUID.randomUUID(),
                String.class, Path.of("/tmp"), Pattern.compile("a+"), Optional.of("x"), Optional.empty(),
                new Reading("s1", 2, 0.5), new Money(BigDecimal.ONE, "EUR"));
        for (Object value : immutables) {
            CopyResult result = copier.copy("v", value);
            assertSame(value, result.copy(), () -> value.getClass().getName() + " should be shared");
            assertEquals(List.of(), result.warnings());
        }
        Optional<List<String>> mutableInside = Optional.of(new ArrayList<>());
        assertNotSame(mutableInside, copier.copy("v", mutableInside).copy());
    }

    @Test
    void immutablesInsideACopiedContainerAreSharedToo() {
        Reading reading = new Reading("s", 1, 2.0);
        List<Reading> list = new ArrayList<>(List.of(reading));
        List<?> copy = (List<?>) copier.copy("readings", list).copy();
        assertNotSame(list, copy);
        assertSame(reading, copy.get(0));
    }

    @Test
    void threadIsSharedWithOneWarning() {
        Thread worker = new Thread(() -> {});
        CopyResult first = copier.copy("worker", worker);
        assertSame(worker, first.copy());
        assertEquals(List.of("`worker` holds a java.lang.Thread, which cannot be copied: it is shared by reference."
                + " Wrap it with zeroCopy(worker) where it is defined to say this is intended."), first.warnings());

        assertEquals(List.of(), copier.copy("worker", worker).warnings(), "warned once per variable and type");
        copier.forgetWarnings("worker");
        assertEquals(1, copier.copy("worker", worker).warnings().size());
    }

    @Test
    void inputStreamNestedInAListIsSharedWithOneWarning() {
        InputStream in = new ByteArrayInputStream(new byte[] {1});
        List<Object> list = new ArrayList<>(List.of(in, new ArrayList<>(List.of(in))));
        CopyResult result = copier.copy("inputs", list);
        List<?> copy = (List<?>) result.copy();
        assertNotSame(list, copy);
        assertSame(in, copy.get(0));
        assertSame(in, ((List<?>) copy.get(1)).get(0));
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).startsWith("`inputs` holds a java.io.InputStream, which cannot be copied"),
                result.warnings().get(0));
    }

    @Test
    void lambdaIsSharedWithOneWarning() {
        List<String> captured = new ArrayList<>();
        Supplier<Integer> size = captured::size;
        CopyResult result = copier.copy("size", size);
        assertSame(size, result.copy());
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).startsWith("`size` holds a lambda ("), result.warnings().get(0));
    }

    @Test
    void zeroCopyOfAnUncopyableSilencesTheWarning() {
        Thread worker = marks.zeroCopy(new Thread(() -> {}));
        CopyResult result = copier.copy("worker", List.of(worker));
        assertSame(worker, ((List<?>) result.copy()).get(0));
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void jdbcConnectionIsRecognisedByItsInterfaceName() {
        Object connection = Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {java.sql.Connection.class}, (proxy, method, args) -> null);
        CopyResult result = copier.copy("conn", connection);
        assertSame(connection, result.copy());
        assertEquals(List.of("`conn` holds a java.sql.Connection, which cannot be copied: it is shared by reference."
                + " Wrap it with zeroCopy(conn) where it is defined to say this is intended."), result.warnings());
    }

    @Test
    void valueKryoCannotCopyIsSharedInsteadOfFailing() {
        // java.util.zip.CRC32 keeps its state in a private JDK field closed to reflection (java.util.zip is
        // not among the packages the kernel opens; java.util is, so Random copies now).
        java.util.zip.CRC32 random = new java.util.zip.CRC32();
        random.update(1);
        List<Object> list = new ArrayList<>(List.of(random, new ArrayList<>(List.of("x"))));
        CopyResult result = copier.copy("dice", list);
        List<?> copy = (List<?>) result.copy();
        assertNotSame(list, copy);
        assertSame(random, copy.get(0));
        assertNotSame(list.get(1), copy.get(1));
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).startsWith("`dice` holds a java.util.zip.CRC32, which cannot be copied ("),
                result.warnings().get(0));

        CopyResult alone = copier.copy("rng", random);
        assertSame(random, alone.copy());
        assertEquals(1, alone.warnings().size());
    }

    static class Link {
        Link next;
    }

    @Test
    void graphTooDeepForTheStackIsSharedWithAWarning() {
        Link head = new Link();
        Link tail = head;
        for (int i = 0; i < 5_000; i++) tail = tail.next = new Link();
        DeepCopier shallowStack = new DeepCopier(marks, 4_000);
        CopyResult result = shallowStack.copy("chain", head);
        assertSame(head, result.copy());
        assertEquals(1, result.warnings().size());
        assertTrue(result.warnings().get(0).contains("nests more than"), result.warnings().get(0));

        Link shortChain = new Link();
        shortChain.next = new Link();
        assertNotSame(shortChain, shallowStack.copy("short", shortChain).copy(), "the copier still works afterwards");
        assertNotSame(head, copier.copy("chain", head).copy(), "the default bound copies it");
    }
}
