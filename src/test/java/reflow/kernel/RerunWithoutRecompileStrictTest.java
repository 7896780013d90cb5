package reflow.kernel;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * Strict mode with re-runs of compiled code: the copies of a cell's inputs go into the same variables the
 * compiled code reads, so a re-run without compiling still works on copies and leaves the originals alone.
 */
class RerunWithoutRecompileStrictTest extends SharedKernelTest {
    @Override
    String[] kernelArgs() {
        return new String[] {"--mode", "strict"};
    }

    @Test
    void reRunCellsWorkOnCopiesOfTheirInputs() {
        lab.run("strict-a", "List<Integer> strictXs = new ArrayList<>(List.of(1, 2));");
        lab.run("strict-b", "strictXs.add(3);\nSystem.out.println(\"B sees \" + strictXs);");
        lab.run("strict-c", "System.out.println(\"C sees \" + strictXs.size());");
        assertEquals("B sees [1, 2, 3]", lab.shown("strict-b").strip());
        assertEquals("C sees 2", lab.shown("strict-c").strip(), "B changed a copy");

        CompilationCounts edit = CompilationCounts.during(client, lab, "strict-a",
                "List<Integer> strictXs = new ArrayList<>(List.of(1, 2, 5));");
        assertEquals(new CompilationCounts(1, 3), edit, "only the edited declaration compiles (as an assignment)");
        assertEquals("B sees [1, 2, 5, 3]", lab.shown("strict-b").strip());
        assertEquals("C sees 3", lab.shown("strict-c").strip(), "the re-run B still changed a copy");

        CompilationCounts again = CompilationCounts.during(client, lab, "strict-b",
                "strictXs.add(3);\nSystem.out.println(\"B sees \" + strictXs);");
        assertEquals(new CompilationCounts(0, 2), again);
        assertEquals("B sees [1, 2, 5, 3]", lab.shown("strict-b").strip(), "a fresh copy each run, not [1, 2, 5, 3, 3]");
    }
}
