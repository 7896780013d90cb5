package reflow.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import reflow.testing.KernelClient;

/**
 * Re-runs that invoke the code JShell already compiled: a real kernel, JupyterLab-shaped requests, and the
 * kernel's own count of snippet compilations ({@code %compilations}) before and after each edit. Each test
 * checks what the user sees, and that exactly the cells whose source or inputs changed were compiled.
 */
class RerunWithoutRecompileTest extends SharedKernelTest {

    private CompilationCounts counts() {
        return CompilationCounts.of(client);
    }

    private List<String> shownLines(String cellId) {
        return lab.shown(cellId).lines().filter(l -> !l.isBlank()).toList();
    }

    private CompilationCounts runCounting(String cellId, String code) {
        return CompilationCounts.during(client, lab, cellId, code);
    }

    @Test
    void aValueEditRerunsItsDependentsWithoutCompilingThem() {
        lab.run("val-a", "int valN = 10;");
        lab.run("val-b", "int valM = valN + 1;");
        lab.run("val-c", "System.out.println(\"valM is \" + valM);");

        CompilationCounts edit = runCounting("val-a", "int valN = 20;");
        assertEquals("valM is 21", lab.shown("val-c").strip());
        assertEquals(new CompilationCounts(1, 2), edit, "the edited cell compiles (as an assignment to valN); B and C re-run as compiled");

        CompilationCounts back = runCounting("val-a", "int valN = 10;");
        assertEquals("valM is 11", lab.shown("val-c").strip());
        assertEquals(new CompilationCounts(0, 3), back, "the first declaration's code assigns valN again: nothing to compile");
    }

    /**
     * A long session of edits: code of a cell's earlier versions is let go (it would keep a class and a class
     * loader per edit), while the cells as they are now still re-run without compiling.
     */
    @Test
    void codeOfLongEditedCellsEarlierVersionsIsLetGo() {
        lab.run("edits-a", "int editsN = 0;");
        lab.run("edits-b", "int editsM = editsN + 1;");
        int edits = 2 * 256 + 200; // past twice the prune slack, whatever the other tests left
        for (int i = 1; i <= edits; i++) {
            lab.run("edits-a", "int editsN = " + i + ";");
        }
        long kept = keptSnippets();
        assertTrue(kept < edits / 2, "compiled code kept after " + edits + " edits of one cell: " + kept);
        CompilationCounts edit = runCounting("edits-a", "int editsN = -1;");
        assertEquals(new CompilationCounts(1, 1), edit, "the dependent cell still re-runs as compiled");
        lab.run("edits-c", "System.out.println(\"editsM is \" + editsM);");
        assertEquals("editsM is 0", lab.shown("edits-c").strip());
    }

    private long keptSnippets() {
        String text = String.valueOf(client.executeAndCollect("%compilations").iopub());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+) compiled snippets kept\\)").matcher(text);
        assertTrue(m.find(), text);
        return Long.parseLong(m.group(1));
    }

    @Test
    void anUnchangedCellRerunByHandIsNotCompiled() {
        lab.run("same-a", "int sameBase = 4;\nint sameSquare = sameBase * sameBase;\nsameSquare + 1");
        CompilationCounts again = runCounting("same-a", "int sameBase = 4;\nint sameSquare = sameBase * sameBase;\nsameSquare + 1");
        assertEquals(new CompilationCounts(0, 3), again, "three snippets, all re-run as compiled");
        assertEquals("17", lab.shown("same-a").strip(), "the expression's value is shown as after a compile");
    }

    @Test
    void aMethodBodyEditRecompilesItsCallersOnly() {
        lab.run("meth-a", "int methTwice(int x) { return 2 * x; }");
        lab.run("meth-b", "int methT = methTwice(3);");
        lab.run("meth-c", "System.out.println(\"methT is \" + methT);");
        lab.run("meth-d", "int methOther = 1;");

        CompilationCounts edit = runCounting("meth-a", "int methTwice(int x) { return 3 * x; }");
        assertEquals("methT is 9", lab.shown("meth-c").strip());
        assertEquals(new CompilationCounts(2, 1), edit, "the method and its caller B compile; C reads methT, whose declaration did not change");

        CompilationCounts unchanged = runCounting("meth-a", "int methTwice(int x) { return 3 * x; }");
        assertEquals(new CompilationCounts(0, 3), unchanged, "an unchanged method declaration is not compiled, nor are B and C");
        assertEquals("methT is 9", lab.shown("meth-c").strip());
    }

    @Test
    void aClassEditRecompilesEveryCellThatHoldsOrUsesIt() {
        lab.run("cls-a", "class ClsPt { int x = 1; }");
        lab.run("cls-b", "ClsPt clsP = new ClsPt();");
        lab.run("cls-c", "System.out.println(\"clsP.x is \" + clsP.x);");
        lab.run("cls-d", "int clsUnrelated = 5;");

        CompilationCounts edit = runCounting("cls-a", "class ClsPt { int x = 2; int y; }");
        assertEquals("clsP.x is 2", lab.shown("cls-c").strip());
        assertEquals(new CompilationCounts(3, 0), edit, "the class, its holder B and C (which reads the new class's field) compile");
    }

    @Test
    void aRecordEditRecompilesItsUsersAndAnUnchangedRerunNothing() {
        lab.run("rec-a", "record RecPair(int a, int b) {}");
        lab.run("rec-b", "var recP = new RecPair(2, 3);");
        lab.run("rec-c", "System.out.println(\"sum \" + (recP.a() + recP.b()));");

        CompilationCounts unchanged = runCounting("rec-a", "record RecPair(int a, int b) {}");
        assertEquals(new CompilationCounts(0, 3), unchanged);
        assertEquals("sum 5", lab.shown("rec-c").strip());

        CompilationCounts edit = runCounting("rec-a", "record RecPair(int a, int b) { int sum() { return a + b; } }");
        assertEquals(new CompilationCounts(3, 0), edit);
        lab.run("rec-c", "System.out.println(\"sum \" + recP.sum());");
        assertEquals("sum 5", lab.shown("rec-c").strip());
    }

    @Test
    void aVariableTypeChangeRecompilesWhatUsesIt() {
        lab.run("type-a", "int typeV = 3;");
        lab.run("type-b", "var typeW = typeV * 2;");
        lab.run("type-c", "System.out.println(\"typeW is \" + typeW + \" of \" + ((Object) typeW).getClass().getSimpleName());");

        CompilationCounts edit = runCounting("type-a", "long typeV = 3_000_000_000L;");
        assertEquals("typeW is 6000000000 of Long", lab.shown("type-c").strip());
        assertEquals(new CompilationCounts(3, 0), edit, "a new type for typeV: B's inferred type changes too, and C reads it");

        CompilationCounts value = runCounting("type-a", "long typeV = 4L;");
        assertEquals("typeW is 8 of Long", lab.shown("type-c").strip());
        assertEquals(new CompilationCounts(1, 2), value, "a value edit again: only the edited cell compiles");
    }

    @Test
    void anImportOfAUsedNameRecompilesItsUsersAndOtherImportsDoNot() {
        String code = "System.out.println(List.class.getName());";
        lab.run("imp-b", code);
        assertEquals("java.util.List", lab.shown("imp-b").strip(), "java.util.* is a start-up import");

        lab.run("imp-c", "import static java.lang.Math.min;");
        assertEquals(new CompilationCounts(0, 1), runCounting("imp-b", code), "an import of another name changes nothing the cell uses");

        lab.run("imp-d", "import java.awt.List;");
        assertEquals(new CompilationCounts(1, 0), runCounting("imp-b", code), "a single-type import of `List` shadows java.util's");
        assertEquals("java.awt.List", lab.shown("imp-b").strip(), "as a recompile says");

        assertEquals(new CompilationCounts(0, 1), runCounting("imp-b", code));
        lab.run("imp-e", "import java.util.concurrent.atomic.*;");
        assertEquals(new CompilationCounts(1, 0), runCounting("imp-b", code), "an import on demand may change any simple name");
        assertEquals("java.awt.List", lab.shown("imp-b").strip());
    }

    @Test
    void aRerunThatFailsShowsTheSameTracebackAsACompile() {
        lab.run("err-a", "int errD = 2;");
        KernelClient.Execution first = lab.run("err-b", "int errQ = 10;\nSystem.out.println(errQ / (errD - 2));");
        assertEquals("error", first.status());
        String compiledTraceback = lab.shown("err-b");
        assertTrue(compiledTraceback.contains("line 2"), compiledTraceback);

        lab.run("err-a", "int errD = 3;");
        assertEquals("10", lab.shown("err-b").strip());
        CompilationCounts back = runCounting("err-a", "int errD = 2;");
        assertEquals(new CompilationCounts(0, 3), back, "the failing cell re-ran as compiled");
        assertEquals(compiledTraceback, lab.shown("err-b"), "the traceback of the re-run names the same cell line");
    }

    @Test
    void expressionValuesAndOutputOfRerunsAreShownAsBefore() {
        lab.run("out-a", "String outName = \"ada\";");
        lab.run("out-m", "int outerLength(String s) { return s.length(); }");
        lab.run("out-b", "System.out.println(\"hello \" + outName);\nouterLength(outName)");
        assertEquals(List.of("hello ada", "3"), shownLines("out-b"));

        CompilationCounts edit = runCounting("out-a", "String outName = \"grace\";");
        assertEquals(List.of("hello grace", "5"), shownLines("out-b"), "stdout and the expression's value, as after a compile");
        assertEquals(new CompilationCounts(1, 2), edit);
    }
}
