package reflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * Prints what reactive re-runs cost: a 10-cell chain of trivial cells, a 10-cell chain of cells with a
 * little work, and a 100-cell fan-out are defined once with cell ids, then the root cell is re-run with a
 * new value (alternating) and the kernel re-runs its descendants before going idle. Re-runs invoke the code
 * JShell compiled for unchanged cells; the same cascades in a kernel started with -Dreflow.recompileAll=true
 * (every cell compiled on every run, as before) and the same code strings through a bare in-process JShell
 * are the baselines, measured alternately in the same run. The chain is also run in a strict-mode kernel.
 * Not a test: nothing is asserted about timings.
 */
public final class CascadeBenchmark {
    private static final int CHAIN_CELLS = 10;
    private static final int FAN_OUT_CELLS = 100;

    // Re-runs of compiled code are fast enough that the JIT's warm-up shows: a few unmeasured runs first.
    private final int chainWarmups = BenchSettings.get("chainWarmups", 5);
    private final int chainRuns = BenchSettings.get("chainRuns", 10);
    private final int fanOutWarmups = BenchSettings.get("fanOutWarmups", 4);
    private final int fanOutRuns = BenchSettings.get("fanOutRuns", 6);

    public static void main(String[] args) throws Exception {
        new CascadeBenchmark().run();
        System.exit(0); // JShell and ZeroMQ leave non-daemon threads behind
    }

    /** A notebook shape: the root cell's code for a value, and the code of the cells below it. */
    private record Notebook(String name, String idPrefix, IntFunction<String> root, List<String> descendants) {
        int cells() {
            return 1 + descendants.size();
        }

        String cellId(int index) {
            return idPrefix + index;
        }
    }

    /** {@code long t0 = v;} and cells {@code long ti = t(i-1) + 1;}: nothing but the cascade itself. */
    private static Notebook trivialChain(String idPrefix) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i < CHAIN_CELLS; i++) {
            cells.add("long t" + i + " = t" + (i - 1) + " + 1;");
        }
        return new Notebook(CHAIN_CELLS + "-cell chain of trivial cells", idPrefix, value -> "long t0 = " + value + ";", cells);
    }

    /** Cell i: a little work (a loop over 1e5 ints), then {@code long ci = c(i-1) + 1;}. */
    private static Notebook chain(String idPrefix) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i < CHAIN_CELLS; i++) {
            cells.add(chainCell("c", i, "c" + (i - 1) + " + 1"));
        }
        return new Notebook(CHAIN_CELLS + "-cell chain", idPrefix, value -> chainCell("c", 0, String.valueOf(value)),
                cells);
    }

    /** {@code long cw3 = 0; for (...) cw3 += k; long c3 = VALUE;} for name "c" and i = 3. */
    private static String chainCell(String name, int i, String value) {
        String work = name + "w" + i;
        return "long " + work + " = 0;\n"
                + "for (int k = 0; k < 100_000; k++) { " + work + " += k; }\n"
                + "long " + name + i + " = " + value + ";";
    }

    /** {@code long root = v;} and cells {@code long fi = root + i;}. */
    private static Notebook fanOut() {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < FAN_OUT_CELLS; i++) {
            cells.add("long f" + i + " = root + " + i + ";");
        }
        return new Notebook(FAN_OUT_CELLS + "-cell fan-out", "fan-", value -> "long root = " + value + ";", cells);
    }

    private void run() throws Exception {
        System.out.println("CascadeBenchmark: chain " + chainWarmups + " warm-ups + " + chainRuns + " timed, fan-out "
                + fanOutWarmups + " + " + fanOutRuns + "; each cascade followed by the same cells in a bare JShell; "
                + InstalledKernel.loadAverage());
        System.out.println(InstalledKernel.describe());
        Notebook trivial = trivialChain("trivial-");
        Notebook chain = chain("chain-");
        Notebook fanOut = fanOut();
        try (BareJShell bare = BareJShell.start()) {
            bare.evalCell("1 + 1"); // JShell's first-eval cost stays out of the figures
            Pair relaxedTrivial;
            Pair relaxedChain;
            Pair relaxedFanOut;
            Samples byHand;
            Pair recompiledTrivial;
            Pair recompiledChain;
            Pair recompiledFanOut;
            try (KernelProcess kernel = InstalledKernel.start();
                 KernelClient client = kernel.connect(Duration.ofSeconds(60));
                 KernelProcess recompiling = InstalledKernel.startWithJvmFlags(List.of("-Dreflow.recompileAll=true"));
                 KernelClient recompilingClient = recompiling.connect(Duration.ofSeconds(60))) {
                TimedClient timed = new TimedClient(client);
                TimedClient timedRecompiling = new TimedClient(recompilingClient);
                Pair[] trivialPairs = cascades(timed, timedRecompiling, bare, trivial, chainWarmups, chainRuns);
                relaxedTrivial = trivialPairs[0];
                recompiledTrivial = trivialPairs[1];
                Pair[] chainPairs = cascades(timed, timedRecompiling, bare, chain, chainWarmups, chainRuns);
                relaxedChain = chainPairs[0];
                recompiledChain = chainPairs[1];
                Pair[] fanOutPairs = cascades(timed, timedRecompiling, bare, fanOut, fanOutWarmups, fanOutRuns);
                relaxedFanOut = fanOutPairs[0];
                recompiledFanOut = fanOutPairs[1];
                byHand = byHand(timed);
            }
            String strictFailure = null;
            Pair strictChain = null;
            try (KernelProcess kernel = InstalledKernel.start("--mode", "strict");
                 KernelClient client = kernel.connect(Duration.ofSeconds(60))) {
                strictChain = cascade(new TimedClient(client), bare, chain("strict-chain-"), chainWarmups, chainRuns);
            } catch (RuntimeException | AssertionError e) {
                strictFailure = "strict mode failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            }
            System.out.println("finished; " + InstalledKernel.loadAverage());

            FigureTable table = new FigureTable("Reactive cascades (root cell re-run with a new value, send -> "
                    + "reply+idle; medians)");
            row(table, trivial, "relaxed", relaxedTrivial);
            baselines(table, trivial, relaxedTrivial, recompiledTrivial);
            row(table, chain, "relaxed", relaxedChain);
            baselines(table, chain, relaxedChain, recompiledChain);
            table.row(chain.name() + ": the same 10 cells sent one by one, no cellId ('by hand')",
                    byHand.medianAndP90(), JJavaReference.CHAIN_BY_HAND + " (by hand)");
            row(table, fanOut, "relaxed", relaxedFanOut);
            baselines(table, fanOut, relaxedFanOut, recompiledFanOut);
            if (strictChain != null) {
                row(table, chain, "strict", strictChain);
                double extra = strictChain.kernel().medianMs() - relaxedChain.kernel().medianMs();
                table.row("strict-mode overhead on the chain (strict - relaxed cascade)",
                        Samples.ms(extra) + " total, " + Samples.ms(extra / chain.cells()) + " per cell");
            } else {
                table.row(chain.name() + ", strict", strictFailure);
            }
            table.print();
        }
    }

    /** How the cascade compares with its two baselines: bare JShell and the kernel compiling every cell. */
    private static void baselines(FigureTable table, Notebook notebook, Pair reused, Pair recompiled) {
        double kernel = reused.kernel().medianMs();
        table.row(notebook.name() + ": ratio to bare JShell re-evaluating the cells (target < 0.5)",
                Samples.ratio(kernel / reused.bare().medianMs()));
        table.row(notebook.name() + ": the same cascade, every cell compiled again (-Dreflow.recompileAll)",
                recompiled.kernel().medianAndP90());
        table.row(notebook.name() + ": ratio re-run / recompile-all", Samples.ratio(kernel / recompiled.kernel().medianMs()));
    }

    /**
     * The cascade in the kernel and in the recompiling kernel, alternating run by run with the bare JShell,
     * so all three see the same machine load. Returns {kernel+bare, recompiling+bare}.
     */
    private static Pair[] cascades(TimedClient timed, TimedClient recompiling, BareJShell bare, Notebook notebook,
                                   int warmups, int runs) {
        define(timed, notebook);
        define(recompiling, notebook);
        Pair reused = new Pair(new Samples(), new Samples());
        Pair recompiled = new Pair(new Samples(), new Samples());
        for (int run = 0; run < warmups + runs; run++) {
            int value = 1 + run % 2;
            long kernelNanos = rerun(timed, notebook, value);
            long bareNanos = bareSequence(bare, notebook, value);
            long recompiledNanos = rerun(recompiling, notebook, value);
            long bareAgain = bareSequence(bare, notebook, value);
            if (run >= warmups) {
                reused.kernel().add(kernelNanos);
                reused.bare().add(bareNanos);
                recompiled.kernel().add(recompiledNanos);
                recompiled.bare().add(bareAgain);
            }
        }
        return new Pair[] {reused, recompiled};
    }

    private static void define(TimedClient timed, Notebook notebook) {
        timed.executeCell(notebook.cellId(0), notebook.root().apply(0));
        for (int i = 0; i < notebook.descendants().size(); i++) {
            timed.executeCell(notebook.cellId(i + 1), notebook.descendants().get(i));
        }
    }

    /** Re-runs the root with {@code value}; checks that every descendant re-ran. */
    private static long rerun(TimedClient timed, Notebook notebook, int value) {
        TimedClient.Timed rerun = timed.executeCell(notebook.cellId(0), notebook.root().apply(value));
        int rerunCount = rerunReports(rerun.execution());
        if (rerunCount != notebook.descendants().size()) {
            throw new IllegalStateException(notebook.name() + ": expected " + notebook.descendants().size()
                    + " re-runs, the kernel reported " + rerunCount);
        }
        return rerun.nanos();
    }

    /** A cascade's samples and the bare JShell's for the same cells, taken alternately (same machine load). */
    private record Pair(Samples kernel, Samples bare) {}

    private static void row(FigureTable table, Notebook notebook, String mode, Pair pair) {
        table.row(notebook.name() + ", " + mode + ": cascade total", pair.kernel().medianAndP90());
        table.row(notebook.name() + ", " + mode + ": bare JShell, same " + notebook.cells() + " cells in order",
                pair.bare().medianAndP90());
        table.row(notebook.name() + ", " + mode + ": per cell (cascade / " + notebook.cells() + ")",
                Samples.ms(pair.kernel().medianMs() / notebook.cells()));
    }

    /**
     * Defines the cells once with ids (and in the bare JShell), then times re-runs of the root, each followed
     * by the bare JShell evaluating the same code; checks that every descendant re-ran.
     */
    private static Pair cascade(TimedClient timed, BareJShell bare, Notebook notebook, int warmups, int runs) {
        define(timed, notebook);
        Pair pair = new Pair(new Samples(), new Samples());
        for (int run = 0; run < warmups + runs; run++) {
            int value = 1 + run % 2;
            long kernelNanos = rerun(timed, notebook, value);
            long bareNanos = bareSequence(bare, notebook, value);
            if (run >= warmups) {
                pair.kernel().add(kernelNanos);
                pair.bare().add(bareNanos);
            }
        }
        return pair;
    }

    /** What a user without reactivity does: run the 10 chain cells one after another (own names, no cellId). */
    private Samples byHand(TimedClient timed) {
        Samples samples = new Samples();
        for (int run = 0; run < chainWarmups + chainRuns; run++) {
            long total = 0;
            for (int i = 0; i < CHAIN_CELLS; i++) {
                String value = i == 0 ? String.valueOf(1 + run % 2) : "h" + (i - 1) + " + 1";
                total += timed.execute(chainCell("h", i, value)).nanos();
            }
            if (run >= chainWarmups) {
                samples.add(total);
            }
        }
        return samples;
    }

    private static long bareSequence(BareJShell bare, Notebook notebook, int value) {
        long total = bare.evalCell(notebook.root().apply(value));
        for (String cell : notebook.descendants()) {
            total += bare.evalCell(cell);
        }
        return total;
    }

    /** Cells the triggering cell's report (one display, updated in place) lists as re-run. */
    private static int rerunReports(KernelClient.Execution execution) {
        String report = "";
        for (Message m : execution.iopub()) {
            if (m.msgType().equals("display_data") || m.msgType().equals("update_display_data")) {
                report = m.field("data").path("text/plain").asText();
            }
        }
        return (int) report.lines().filter(line -> line.startsWith("  re-ran ") || line.startsWith("  failed ")).count();
    }
}
