package reflow.kernel.analysis;

import static reflow.kernel.analysis.AnalysisAssertions.assertAssigns;
import static reflow.kernel.analysis.AnalysisAssertions.assertUses;

import org.junit.jupiter.api.Test;

/** Names bound inside the cell must not leak out as uses; shadowing follows Java's rules. */
class CellAnalyzerScopingTest {

    @Test
    void localsAndParametersAreBound() {
        assertUses("int f(int a) { int b = a * 2; return b + c; }", "c");
    }

    @Test
    void localUsedBeforeItsDeclarationIsAUseOfTheOuterName() {
        assertUses("void f() { print(x); int x = 2; print(x); }", "print", "x");
        assertUses("void f() { int x = 2; print(x); }", "print");
    }

    @Test
    void localDeclaredInAStatementBlockDoesNotLeakToLaterStatements() {
        assertUses("{ int t = 1; }\nSystem.out.println(t);", "System", "t");
    }

    @Test
    void lambdaParameters() {
        assertUses("xs.map(v -> v * k)", "xs", "k");
        assertUses("BiFunction<A, B, C> f = (a, b) -> a.combine(b);", "BiFunction", "A", "B", "C");
        assertUses("Runnable r = () -> { int i = 0; step(i); };", "Runnable", "step");
        assertUses("f((String s) -> s.length())", "f", "String");
    }

    @Test
    void forLoopsForEachAndTryWithResources() {
        assertUses("for (int i = 0; i < n; i++) total += i;", "n", "total");
        assertUses("for (var item : items) use(item);", "items", "use");
        assertUses("for (Item item : item.children()) {}", "Item", "item");
        assertUses("try (var in = open(path); var r = wrap(in)) { r.read(); }", "open", "path", "wrap");
    }

    @Test
    void catchParametersAndMultiCatch() {
        assertUses("try { run(); } catch (IOException | BadThing e) { log(e); } finally { done(); }",
                "run", "IOException", "BadThing", "log", "done");
    }

    @Test
    void instanceofPatternVariables() {
        assertUses("if (o instanceof Circle c && c.r() > 0) area(c);", "o", "Circle", "area");
    }

    @Test
    void switchPatternsGuardsAndRecordPatterns() {
        assertUses("""
                String d = switch (shape) {
                    case Circle c when c.r() > limit -> "big " + c;
                    case Square(int side) -> "square " + side;
                    case Pair(Point(var x, var y), Point q) -> x + y + q.toString();
                    default -> "?";
                };
                """, "String", "shape", "Circle", "limit", "Square", "Pair", "Point");
    }

    @Test
    void enumCaseLabelsAreNotUses() {
        assertUses("switch (color) { case RED: paint(); break; case GREEN, BLUE -> {} }", "color", "paint");
        assertUses("String s = switch (c) { case RED -> \"r\"; default -> \"x\"; };", "String", "c");
    }

    @Test
    void oldStyleSwitchGroupsShareOneScope() {
        assertUses("switch (k) { case 1: int t = 1; break; case 2: t = 2; use(t); }", "k", "use");
    }

    @Test
    void localClassesAndRecords() {
        assertUses("void f() { record P(int a) {} class L { P p; } new L(); }", new String[0]);
        assertUses("void f() { Helper h = null; class Helper {} }", "Helper");
    }

    @Test
    void fieldsAndMethodsOfACellClassAreVisibleInsideIt() {
        assertUses("""
                class Counter {
                    int count;
                    void inc() { count++; log(count); helper(); }
                    private void helper() { total = count; }
                    static class Nested { Counter back; }
                }
                """, "log", "total");
    }

    @Test
    void inheritedMembersOfASuperclassDeclaredInTheSameCell() {
        assertUses("""
                abstract class Base { int size; abstract int area(); int twice() { return 2 * area(); } }
                class Sq extends Base { int area() { return size * size + twice() + extra; } }
                """, "extra");
        assertUses("interface Consts { int LIMIT = 3; }\nclass U implements Consts { int f() { return LIMIT; } }");
    }

    @Test
    void inheritedMembersOfAnOuterCellClassAreStillUses() {
        assertUses("class Sq extends Base { int area() { return size; } }", "Base", "size");
    }

    @Test
    void innerClassesSeeOuterMembers() {
        assertUses("class Outer { int v; class In { int get() { return v + w; } } }", "w");
    }

    @Test
    void recordComponentsEnumConstantsAndConstructors() {
        assertUses("record R(int a, Kind k) { R { if (a < 0) throw new IllegalArgumentException(msg); } int b() { return a; } }",
                "Kind", "IllegalArgumentException", "msg");
        assertUses("enum Op { ADD { int ap() { return ONE + base; } }, SUB; static final int ONE = 1; int ap() { return ONE; } }",
                "base");
    }

    @Test
    void anonymousClassesBindTheirMembers() {
        assertUses("Runnable r = new Runnable() { int n; public void run() { n++; tick(n); } };", "Runnable", "tick");
    }

    @Test
    void genericTypeParameters() {
        assertUses("class Box<T> { T value; <U extends T> U as(Class<U> c) { return null; } }", "Class");
        assertUses("<K, V> Map<K, V> empty() { return null; }", "Map");
    }

    @Test
    void labelsAreNotNames() {
        assertUses("outer: for (int i = 0; i < n; i++) { for (;;) { if (i > 1) break outer; continue outer; } }", "n");
    }

    @Test
    void assignmentsToTopLevelNames() {
        assertAssigns("x = 5;", "x");
        assertAssigns("x++;\n--y;\nz += 1;", "x", "y", "z");
        assertUses("x = 5;", "x");
        assertAssigns("arr[0] = 1;", new String[0]);
        assertUses("arr[0] = 1;", "arr");
        assertAssigns("list.add(1);", new String[0]);
        assertAssigns("obj.field = 2;", new String[0]);
    }

    @Test
    void assignmentsToLocalsOrOwnDefinitionsAreNotAssigns() {
        assertAssigns("int x = 1; x = 2;", new String[0]);
        assertAssigns("void f() { int t = 0; t++; }", new String[0]);
        assertAssigns("void bump() { counter++; }", "counter");
    }
}
