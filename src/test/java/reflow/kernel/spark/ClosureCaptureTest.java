package reflow.kernel.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reflow.kernel.jshell.CellIO;
import reflow.kernel.jshell.CellOutcome;
import reflow.kernel.jshell.JShellBridge;
import reflow.kernel.jshell.SnippetClassHook;

/**
 * Serializable lambdas written in cells, rewritten by {@link ClosureCapture}, carry the cell variables
 * they read: a lambda serialized, then the variable changed, then deserialized, still computes with the
 * value it was made with, which is what an executor in another JVM sees. Without the rewrite the same
 * cells read the changed static. Cell variables that shipped code reads indirectly (cell methods, cell
 * classes, anonymous classes) travel with the values they have when the closure is serialized, and are set
 * when it is deserialized in another JVM (simulated here by forgetting this JVM's identity in between).
 */
class ClosureCaptureTest {
    private JShellBridge bridge;

    private static final String ROUND_TRIP = """
            static <T> T roundTrip(T value) throws Exception {
                var bytes = new ByteArrayOutputStream();
                try (var out = new ObjectOutputStream(bytes)) { out.writeObject(value); }
                try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                    @SuppressWarnings("unchecked") T copy = (T) in.readObject();
                    return copy;
                }
            }
            interface IntFn extends Serializable { long apply(int x); }
            static byte[] ship(Object value) throws Exception {
                var bytes = new ByteArrayOutputStream();
                try (var out = new ObjectOutputStream(bytes)) { out.writeObject(value); }
                return bytes.toByteArray();
            }
            @SuppressWarnings("unchecked") static <T> T arrive(byte[] shipped, boolean otherJvm) throws Exception {
                if (otherJvm) System.clearProperty("reflow.shipped-cell-variables.jvm");
                try (var in = new ObjectInputStream(new ByteArrayInputStream(shipped))) { return (T) in.readObject(); }
            }
            """;

    @BeforeEach
    void start() throws Exception {
        bridge = JShellBridge.startAsync().get();
    }

    @AfterEach
    void close() {
        bridge.close();
    }

    private void capturing() {
        CellClassIndex cells = new CellClassIndex(bridge.snippetClassLoader());
        CapturedVariables.describeCellsWith(name -> null);
        bridge.setClassHook(new SnippetClassHook() {
            @Override public void beforeBatch(Map<String, byte[]> bytecodes) {
                bytecodes.values().forEach(cells::add);
            }

            @Override public byte[] beforeDefine(String className, byte[] bytecode) {
                return ClosureCapture.rewrite(bytecode, true, cells);
            }
        });
    }

    private Object eval(String code) {
        CellOutcome out = bridge.evaluate(code, CellIO.DISCARD);
        assertTrue(out.ok(), () -> code + "\n" + out.error());
        return out.value();
    }

    @Test
    void aShippedLambdaKeepsTheValuesItWasMadeWith() {
        capturing();
        eval(ROUND_TRIP);
        eval("int factor = 3;");
        eval("long offset = 10_000_000_000L;");
        eval("String label = \"x\";");
        eval("IntFn f = x -> x * factor + offset + label.length();");
        eval("byte[] shipped; { var b = new ByteArrayOutputStream(); try (var o = new ObjectOutputStream(b)) { o.writeObject(f); } shipped = b.toByteArray(); }");
        eval("factor = 100; offset = 0; label = \"longer\";");
        Object arrived = eval("""
                IntFn g; try (var in = new ObjectInputStream(new ByteArrayInputStream(shipped))) { g = (IntFn) in.readObject(); }
                g.apply(2)""");
        assertEquals(10_000_000_007L, arrived);
        assertEquals(10_000_000_007L, eval("f.apply(2)"), "captured when made, like a local");
        assertEquals(206L, eval("((IntFn) x -> x * factor + offset + label.length()).apply(2)"), "a new lambda sees the new values");
    }

    @Test
    void withoutTheRewriteTheSameCellsReadTheChangedStatic() {
        eval(ROUND_TRIP);
        eval("int factor = 3;");
        eval("IntFn f = x -> x * factor;");
        eval("factor = 100;");
        assertEquals(200L, eval("roundTrip(f).apply(2)"));
    }

    @Test
    void lambdasInMethodsAndWithTheirOwnCapturesToo() throws Exception {
        capturing();
        eval(ROUND_TRIP);
        eval("double scale = 1.5;");
        eval("IntFn scaled(int k) { long local = k * 2L; return x -> (long) (x * scale) + k + local; }");
        eval("IntFn f = scaled(10);");
        eval("scale = 0;");
        assertEquals(33L, eval("roundTrip(f).apply(2)")); // 3 + 10 + 20
        assertEquals(30L, eval("roundTrip(scaled(10)).apply(2)"));
    }

    @Test
    void instanceLambdasOfCellClasses() throws Exception {
        capturing();
        eval(ROUND_TRIP);
        eval("int base = 7;");
        eval("class Holder implements Serializable { int own = 1; IntFn fn() { return x -> x + own + base; } }");
        eval("IntFn f = new Holder().fn();");
        eval("base = 0;");
        assertEquals(10L, eval("roundTrip(f).apply(2)"));
    }

    @Test
    void aLambdaThatAssignsACellVariableKeepsUsingTheVariable() throws Exception {
        capturing();
        eval(ROUND_TRIP);
        eval("int counter = 0;");
        eval("IntFn bump = x -> counter += x;");
        eval("bump.apply(5); roundTrip(bump).apply(1);");
        assertEquals(6, eval("counter"));
    }

    @Test
    void ordinaryLambdasAreLeftAlone() throws Exception {
        capturing();
        eval("int factor = 3;");
        eval("java.util.function.IntUnaryOperator f = x -> x * factor;");
        eval("factor = 5;");
        assertEquals(10, eval("f.applyAsInt(2)"));
    }

    @Test
    void aValueThatCannotTravelFailsWhenTheLambdaIsMadeNamingTheVariable() throws Exception {
        capturing();
        CapturedVariables.describeCellsWith(name -> name.equals("lock") ? "cell [4]" : null);
        eval(ROUND_TRIP);
        eval("Object lock = new Object();");
        CellOutcome out = bridge.evaluate("IntFn f = x -> lock.hashCode() + x;", CellIO.DISCARD);
        assertFalse(out.ok());
        String message = out.error().evalue();
        assertTrue(message.contains("`lock` (defined in cell [4])") && message.contains("java.lang.Object")
                && message.contains("not Serializable"), message);
    }

    // ---- cell variables read indirectly -------------------------------------------------------------

    @Test
    void aCellMethodCalledByAShippedLambdaReadsTheValuesOfWhenTheClosureWasSerialized() {
        capturing();
        eval(ROUND_TRIP);
        eval("int factor = 3;");
        eval("long scale(int x) { return x * factor; }");
        eval("IntFn f = x -> scale(x);");
        eval("factor = 4;");
        eval("byte[] shipped = ship(f);"); // a job submitted now: 4 travels
        eval("factor = 100;");
        assertEquals(8L, eval("IntFn g = arrive(shipped, true); g.apply(2)"));
        assertEquals(4, eval("factor"), "deserialized elsewhere, it sets the variable there");
        eval("factor = 7;");
        assertEquals(14L, eval("IntFn h = arrive(ship(f), true); h.apply(2)"), "the next job gets the new value");
    }

    @Test
    void inTheDriversOwnJvmNothingIsSetTheCodeReadsTheLiveVariables() {
        capturing();
        eval(ROUND_TRIP);
        eval("int factor = 3;");
        eval("long scale(int x) { return x * factor; }");
        eval("byte[] shipped = ship((IntFn) x -> scale(x));");
        eval("factor = 9;");
        assertEquals(18L, eval("IntFn g = arrive(shipped, false); g.apply(2)"));
        assertEquals(9, eval("factor"));
    }

    @Test
    void chainsOfMethodsRecursionAndLambdasInsideThem() {
        capturing();
        eval(ROUND_TRIP);
        eval("int factor = 3;");
        eval("long offset = 1;");
        eval("long step() { return java.util.stream.IntStream.of(1).mapToLong(i -> i * factor).sum(); }");
        eval("long depth(int x) { return x <= 0 ? offset : depth(x - 1) + step(); }");
        eval("byte[] shipped = ship((IntFn) x -> depth(x));");
        eval("factor = 0; offset = 0;");
        assertEquals(7L, eval("IntFn g = arrive(shipped, true); g.apply(2)")); // 1 + 3 + 3
    }

    @Test
    void aMethodRedefinedInALaterCellShipsWhatTheNewDefinitionReads() {
        capturing();
        eval(ROUND_TRIP);
        eval("int factor = 3;");
        eval("int other = 5;");
        eval("long scale(int x) { return x * factor; }");
        eval("long scale(int x) { return x * other; }");
        eval("byte[] shipped = ship((IntFn) x -> scale(x));");
        eval("other = 0;");
        assertEquals(10L, eval("IntFn g = arrive(shipped, true); g.apply(2)"));
    }

    @Test
    void anonymousClassesAndCellClassesCarryTheVariablesTheirMethodsRead() {
        capturing();
        eval(ROUND_TRIP);
        eval("int factor = 3;");
        eval("IntFn anonymous = new IntFn() { public long apply(int x) { return x * factor; } };");
        eval("class Scaler implements IntFn { public long apply(int x) { return x * factor + 1; } }");
        eval("byte[] a = ship(anonymous); byte[] s = ship(new Scaler());");
        eval("factor = 100;");
        assertEquals(6L, eval("IntFn g = arrive(a, true); g.apply(2)"));
        eval("factor = 100;");
        assertEquals(7L, eval("IntFn g2 = arrive(s, true); g2.apply(2)"));
    }

    @Test
    void aRecordsMethodCalledByAShippedLambda() {
        capturing();
        eval(ROUND_TRIP);
        eval("int factor = 3;");
        eval("record Rate(int r) implements Serializable { long apply(int x) { return (long) x * r * factor; } }");
        eval("Rate rate = new Rate(2);");
        eval("byte[] shipped = ship((IntFn) x -> rate.apply(x));");
        eval("factor = 100;");
        assertEquals(12L, eval("IntFn g = arrive(shipped, true); g.apply(2)"));
    }

    @Test
    void methodReferencesToCellCodeCarryWhatThatCodeReads() {
        capturing();
        eval(ROUND_TRIP);
        eval("int factor = 3;");
        eval("record Rate(int r) implements Serializable { long apply(int x) { return (long) x * r * factor; } long total() { return r * factor; } }");
        eval("interface RateFn extends Serializable { long of(Rate r); }");
        eval("interface BoxFn extends Serializable { Object apply(Integer x); }");
        eval("Rate rate = new Rate(2);");
        eval("byte[] bound = ship((IntFn) rate::apply); byte[] unbound = ship((RateFn) Rate::total); byte[] boxed = ship((BoxFn) rate::apply);");
        eval("factor = 100;");
        assertEquals(12L, eval("IntFn g = arrive(bound, true); g.apply(2)"));
        eval("factor = 100;");
        assertEquals(6L, eval("RateFn u = arrive(unbound, true); u.of(new Rate(2))"));
        eval("factor = 100;");
        assertEquals(12L, eval("BoxFn b = arrive(boxed, true); b.apply(2)"));
        eval("factor = 100;");
        assertEquals(400L, eval("((IntFn) rate::apply).apply(2)"), "on the driver, the live value");

        eval("class Scaled { final long value; Scaled(int x) { value = (long) x * factor; } }");
        eval("interface MakeFn extends Serializable { Scaled make(int x); }");
        eval("factor = 3; byte[] made = ship((MakeFn) Scaled::new);");
        eval("factor = 100;");
        assertEquals(6L, eval("MakeFn m = arrive(made, true); m.make(2).value"));
    }

    @Test
    void aValueThatCannotTravelIndirectlyFailsNamingTheVariableAndItsReader() {
        capturing();
        CapturedVariables.describeCellsWith(name -> name.equals("lock") ? "cell [4]" : null);
        eval(ROUND_TRIP);
        eval("Object lock = new Object();");
        eval("long useLock(int x) { return lock.hashCode(); }");
        CellOutcome out = bridge.evaluate("IntFn f = x -> useLock(x);", CellIO.DISCARD);
        assertFalse(out.ok());
        String message = out.error().evalue();
        assertTrue(message.contains("`lock` (defined in cell [4]) is read by useLock(int)")
                && message.contains("java.lang.Object, which is not Serializable"), message);

        eval("IntFn anonymous = new IntFn() { public long apply(int x) { return useLock(x); } };"); // made: fine
        CellOutcome shipped = bridge.evaluate("ship(anonymous)", CellIO.DISCARD);
        assertFalse(shipped.ok());
        assertTrue(shipped.error().evalue().contains("`lock` (defined in cell [4]) is read by useLock(int)"),
                shipped.error().evalue());
    }
}
