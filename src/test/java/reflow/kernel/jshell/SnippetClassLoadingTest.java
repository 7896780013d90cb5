package reflow.kernel.jshell;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each compile's classes get a class loader of their own (so replaced snippets can be unloaded): what one
 * cell declares must still work from every other cell exactly as in one package, including package-private
 * and protected members and overriding, and a variable declared again after it was dropped must be the
 * new one everywhere.
 */
class SnippetClassLoadingTest {
    static JShellBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = JShellBridge.startAsync().get();
    }

    @AfterAll
    static void close() {
        bridge.close();
    }

    static Object value(String code) {
        CellOutcome out = bridge.evaluate(code, new RecordingCellIO());
        assertTrue(out.ok(), () -> code + " -> " + out.error());
        return out.value();
    }

    @Test
    void packagePrivateMembersOfAnotherCellsClassAreUsable() {
        value("class Pt {\n  int x;\n  Pt(int x) { this.x = x; }\n  int twice() { return 2 * x; }\n}");
        assertEquals(10, value("new Pt(3).twice() + new Pt(4).x"));
        value("Pt kept = new Pt(5);");
        assertEquals(10, value("kept.twice()"));
    }

    @Test
    void aSubclassInALaterCellOverridesAPackagePrivateMethod() {
        value("class Animal {\n  String sound() { return \"...\"; }\n  String speak() { return sound() + \"!\"; }\n}");
        value("class Dog extends Animal {\n  String sound() { return \"woof\"; }\n}");
        assertEquals("woof!", value("new Dog().speak()"));
        assertEquals("woof!", value("Animal a = new Dog();\na.speak()"));
    }

    @Test
    void protectedMembersAreUsableFromOtherCellsAndSubclasses() {
        value("class Counter {\n  protected int count = 5;\n  protected int next() { return ++count; }\n}");
        assertEquals(11, value("new Counter().next() + new Counter().count"));
        value("class Double extends Counter {\n  int both() { return next() + count; }\n}");
        assertEquals(12, value("new Double().both()"));
    }

    @Test
    void interfacesRecordsEnumsAndLambdasAcrossCells() {
        value("interface Shape { double area(); }");
        value("record Square(double side) implements Shape { public double area() { return side * side; } }");
        value("enum Size { SMALL, LARGE }");
        value("Size sizeOf(Shape s) { return switch (s.area() > 10 ? Size.LARGE : Size.SMALL) {\n"
                + "  case SMALL -> Size.SMALL;\n  case LARGE -> Size.LARGE;\n}; }");
        value("java.util.function.Function<Shape, String> describe = s -> sizeOf(s) + \" \" + s.area();");
        assertEquals("LARGE 16.0", value("describe.apply(new Square(4))"));
        assertEquals("SMALL 1.0", value("describe.apply(new Square(1))"));
    }

    @Test
    void aVariableDeclaredAgainAfterItWasDroppedIsTheNewOneEverywhere() {
        value("int base = 7;");
        value("var derived = base * 1;");
        value("int plusOne() { return derived + 1; }");
        for (int factor = 2; factor <= 6; factor++) {
            bridge.drop("derived");
            value("var derived = base * " + factor + ";");
            assertEquals(7 * factor, bridge.valueOf("derived"));
            assertEquals(7 * factor + 1, value("plusOne()"), "a method using the variable sees the new one");
        }
    }

    @Test
    void classesOfReplacedSnippetsAreUnloaded() {
        value("int unloadProbe = 0;");
        for (int i = 1; i <= 60; i++) {
            value("int unloadProbe = " + i + ";");
            value("var probeUse = unloadProbe * 2;");
        }
        assertEquals(120, bridge.valueOf("probeUse"));
        long live = bridge.retainedState().get("liveSnippetClasses");
        System.gc();
        long alive = bridge.retainedState().get("snippetLoadersAlive");
        long keptForReruns = bridge.compilationCounts().get("kept"); // code kept for re-runs keeps its classes
        // 120 batches were loaded; what stays is the live snippets' batches and those of kept code.
        assertTrue(alive <= live + keptForReruns + 10, "class loaders still alive after a GC: " + alive + ", live classes " + live
                + "; " + bridge.retainedState());
    }
}
