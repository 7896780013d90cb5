package reflow.kernel.analysis;

import static reflow.kernel.analysis.AnalysisAssertions.assertUses;

import org.junit.jupiter.api.Test;

/** Which free names each kind of expression and type reference contributes. */
class CellAnalyzerUsesTest {

    @Test
    void unscopedMethodCallUsesTheMethodAndItsArguments() {
        assertUses("f(x)", "f", "x");
    }

    @Test
    void scopedCallUsesOnlyTheReceiver() {
        assertUses("list.add(item);", "list", "item");
    }

    @Test
    void qualifiedChainUsesItsLeftmostName() {
        assertUses("a.b.c", "a");
        assertUses("java.util.List.of(1)", "java");
        assertUses("Foo.bar()", "Foo");
    }

    @Test
    void typesInDeclarationsCastsAndInstanceof() {
        assertUses("Foo x = (Bar) y;", "Foo", "Bar", "y");
        assertUses("boolean b = o instanceof Shape;", "o", "Shape");
        assertUses("List<Foo> xs = null;", "List", "Foo");
        assertUses("Map<String, List<? extends Item>> m = null;", "Map", "String", "List", "Item");
        assertUses("java.util.List<Foo> xs = null;", "java", "Foo");
        assertUses("Outer.Inner i = null;", "Outer");
    }

    @Test
    void objectAndArrayCreation() {
        assertUses("new Foo(a)", "Foo", "a");
        assertUses("new Foo[n]", "Foo", "n");
        assertUses("new int[] {a, b}", "a", "b");
        assertUses("outer.new Inner()", "outer", "Inner");
    }

    @Test
    void methodReferencesUseTheirQualifier() {
        assertUses("Foo::bar", "Foo");
        assertUses("items.forEach(System.out::println)", "items", "System");
        assertUses("String[]::new", "String");
    }

    @Test
    void classLiteralsAndGenericCalls() {
        assertUses("Foo.class", "Foo");
        assertUses("Util.<Item>empty()", "Util", "Item");
    }

    @Test
    void annotationsWithValues() {
        assertUses("@Tag(value = LEVEL) void f() {}", "Tag", "LEVEL");
        assertUses("@Single(NAME) int x = 1;", "Single", "NAME");
        assertUses("@java.lang.Deprecated void g() {}", "java");
    }

    @Test
    void extendsImplementsThrowsAndBounds() {
        assertUses("class A extends B implements C<D> {}", "B", "C", "D");
        assertUses("void f() throws IOError {}", "IOError");
        assertUses("<T extends Comparable<T>> T max(List<T> xs) { return null; }", "Comparable", "List");
        assertUses("interface I extends J, K {}", "J", "K");
    }

    @Test
    void thisAndSuperAreNeverUses() {
        assertUses("class A extends B { int v; A() { super(); this.v = super.hashCode(); } }", "B");
    }

    @Test
    void stringsCommentsAndCharLiteralsHideNothingAndAddNothing() {
        assertUses("""
                // uses hidden in a comment: ghost
                String s = "ghost { ; }" + '}' + x; /* ghost */
                String t = \"""
                    ghost } ;
                    \""" + y
                """, "String", "x", "y");
    }

    @Test
    void magicLinesAreIgnored() {
        assertUses("%time\nint z = x + 1;\n  %%javaopts -Xmx1g\nz", "x");
    }

    @Test
    void switchExpressionsAndYield() {
        assertUses("int r = switch (k) { case 1 -> a; default -> { int t = b; yield t; } };", "k", "a", "b");
    }

    @Test
    void textBlockAndConditional() {
        assertUses("String s = flag ? \"\"\"\n  a\n  \"\"\" : other;", "String", "flag", "other");
    }
}
