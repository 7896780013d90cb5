package reflow.kernel.jshell;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;
import reflow.testing.SoakPattern;

/**
 * A long session must not make the kernel hold more per snippet it ever ran: after the soak pattern's
 * 20 cells have been edited and re-run 1,000 times, what the bridge itself keeps (cell-line mappings,
 * undefined class bytes, the class files and bytes JShell keeps per wrapper class) is what it kept after
 * 200, JShell's own record of snippets holds only the live ones, and after a GC only the live snippets'
 * class loaders remain (the others were unloaded). Counts, not timings.
 */
class SessionGrowthTest {
    @Test
    void replacedSnippetsLeaveNothingBehindInTheBridge() throws Exception {
        try (JShellBridge bridge = JShellBridge.startAsync().get()) {
            // What a class hook (the Spark glue's index of cell classes) is told is live: defined, not forgotten.
            java.util.Set<String> hookLive = java.util.concurrent.ConcurrentHashMap.newKeySet();
            bridge.setClassHook(new SnippetClassHook() {
                @Override public byte[] beforeDefine(String className, byte[] bytecode) {
                    hookLive.add(className);
                    return bytecode;
                }
                @Override public void forgotten(java.util.Set<String> classNames) {
                    hookLive.removeAll(classNames);
                }
            });
            for (SoakPattern.Step cell : SoakPattern.notebook()) {
                run(bridge, cell);
            }
            Map<String, Long> early = null;
            int hookLiveEarly = 0;
            for (int k = 0; k < 1_000; k++) {
                run(bridge, SoakPattern.step(k));
                if (k == 199) {
                    early = bridge.retainedState();
                    hookLiveEarly = hookLive.size();
                }
            }
            Map<String, Long> late = bridge.retainedState();
            assertTrue(hookLive.size() <= hookLiveEarly + SoakPattern.PAIRS * 2,
                    "a class hook is told which classes are gone: live to it after 200 executes " + hookLiveEarly
                            + ", after 1000 " + hookLive.size());
            System.out.println("after 200 executes: " + early + "; after 1000: " + late);
            assertEquals(0, late.get("pendingClassBytes"), "class bytes are dropped once the class is defined");
            assertEquals(early.get("activeSnippets"), late.get("activeSnippets"), "the same 20 cells stay defined");
            assertTrue(late.get("cellLineMappings") <= early.get("cellLineMappings"),
                    "one cell-line mapping per live snippet, not per snippet ever run: " + early + " -> " + late);
            assertTrue(late.get("cellLineMappings") <= late.get("activeSnippets") + SoakPattern.PAIRS * 2,
                    "mappings beyond the live snippets: " + late);
            assertNotNull(late.get("jshellClassFiles"), "JShell's internals must be open to the kernel (pom argLine)");
            assertTrue(late.get("jshellClassFiles") <= early.get("jshellClassFiles"),
                    "javac lists every class file JShell holds on each compile; replaced snippets' must go: "
                            + early + " -> " + late);
            long kept = bridge.compilationCounts().get("kept"); // code kept for re-runs (CompiledCells, bounded)
            assertTrue(late.get("jshellOuterWraps") <= late.get("jshellClassFiles") + kept,
                    "wrapped sources only of live snippets and of code kept for re-runs: " + late + ", kept " + kept);
            assertTrue(late.get("jshellTrackedClasses") <= early.get("jshellTrackedClasses"), early + " -> " + late);
            assertEquals(late.get("activeSnippets"), late.get("jshellSnippets"),
                    "JShell's record of snippets holds only the live ones: " + late);
            assertTrue(late.get("jshellKeysHeld") <= early.get("jshellKeysHeld"), early + " -> " + late);
            System.gc();
            long loaders = bridge.retainedState().get("snippetLoadersAlive");
            assertTrue(loaders <= late.get("liveSnippetClasses") + kept + SoakPattern.PAIRS,
                    "replaced snippets' class loaders must be collectable; alive after a GC: " + loaders + ", " + late);
        }
    }

    private static void run(JShellBridge bridge, SoakPattern.Step step) {
        CellOutcome outcome = bridge.evaluate(step.code(), "cell " + step.cellId(), CellIO.DISCARD);
        assertTrue(outcome.ok(), () -> step.code() + " -> " + outcome.error());
    }
}
