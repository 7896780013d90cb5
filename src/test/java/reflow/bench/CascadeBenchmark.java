package reflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * Prints what reactive re-runs cost: a 10-cell chain and a 100-cell fan-out are defined once with cell ids,
 * then the root cell is re-run with a new value (alternating) and the kernel re-runs its descendants before
 * going idle. The same code strings in the same order through a bare in-process JShell give the floor, so
 * per-cell overhead = (cascade - bare) / cells evaluated. The chain is also run in a strict-mode kernel.
 * Not a test: nothing is asserted about timings.
 */
public final class CascadeBenchmark {
    private static final int CHAIN_CELLS = 10;
    private static final int FAN_OUT_CELLS = 100;

    private final int warmups = BenchSettings.get("cascadeWarmups", 2);
    private final int repetitions = BenchSettings.get("cascadeRuns", 10);

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
        System.out.println("CascadeBenchmark: " + warmups + " warm-ups then " + repetitions
                + " timed cascades per notebook; " + InstalledKernel.loadAverage());
        System.out.println(InstalledKernel.describe());
        Notebook chain = chain("chain-");
        Notebook fanOut = fanOut();

        Samples bareChain;
        Samples bareFanOut;
        try (BareJShell bare = BareJShell.start()) {
            bare.evalCell("1 + 1"); // pay JShell's first-eval cost outside the figures
            bareChain = bareSequence(bare, chain);
            bareFanOut = bareSequence(bare, fanOut);
        }

        Samples relaxedChain;
        Samples relaxedFanOut;
        Samples byHand;
        try (KernelProcess kernel = InstalledKernel.start();
             KernelClient client = kernel.connect(Duration.ofSeconds(60))) {
            TimedClient timed = new TimedClient(client);
            relaxedChain = cascade(timed, chain);
            relaxedFanOut = cascade(timed, fanOut);
            byHand = byHand(timed);
        }

        String strictFailure = null;
        Samples strictChain = null;
        try (KernelProcess kernel = InstalledKernel.start("--mode", "strict");
             KernelClient client = kernel.connect(Duration.ofSeconds(60))) {
            strictChain = cascade(new TimedClient(client), chain("strict-chain-"));
        } catch (RuntimeException | AssertionError e) {
            strictFailure = "strict mode failed: " + e.getMessage().lines().findFirst().orElse("");
        }
        System.out.println("finished; " + InstalledKernel.loadAverage());

        FigureTable table = new FigureTable("Reactive cascades (root cell re-run with a new value; median of "
                + repetitions + ", send -> reply+idle)");
        row(table, chain, "relaxed", relaxedChain, bareChain);
        table.row(chain.name() + ": the same 10 cells sent one by one, no cellId ('by hand')",
                byHand.medianAndP90(), JJavaReference.CHAIN_BY_HAND + " (by hand)");
        row(table, fanOut, "relaxed", relaxedFanOut, bareFanOut);
        if (strictChain != null) {
            row(table, chain, "strict", strictChain, bareChain);
            table.row("strict-mode overhead on the chain (strict - relaxed)",
                    Samples.ms(strictChain.medianMs() - relaxedChain.medianMs()) + " total, "
                            + Samples.ms((strictChain.medianMs() - relaxedChain.medianMs()) / chain.cells()) + " per cell");
        } else {
            table.row(chain.name() + ", strict", strictFailure);
        }
        table.print();
    }

    private static void row(FigureTable table, Notebook notebook, String mode, Samples cascade, Samples bare) {
        double perCell = (cascade.medianMs() - bare.medianMs()) / notebook.cells();
        table.row(notebook.name() + ", " + mode + ": cascade total", cascade.medianAndP90());
        table.row(notebook.name() + ": bare JShell, same " + notebook.cells() + " cells in order", bare.medianAndP90());
        table.row(notebook.name() + ", " + mode + ": overhead per cell ((cascade - bare) / " + notebook.cells() + ")",
                Samples.ms(perCell));
    }

    /** Defines the cells once with ids, then times re-runs of the root; checks that every descendant re-ran. */
    private Samples cascade(TimedClient timed, Notebook notebook) {
        timed.executeCell(notebook.cellId(0), notebook.root().apply(0));
        for (int i = 0; i < notebook.descendants().size(); i++) {
            timed.executeCell(notebook.cellId(i + 1), notebook.descendants().get(i));
        }
        Samples samples = new Samples();
        for (int run = 0; run < warmups + repetitions; run++) {
            TimedClient.Timed rerun = timed.executeCell(notebook.cellId(0), notebook.root().apply(1 + run % 2));
            int rerunCount = rerunReports(rerun.execution());
            if (rerunCount != notebook.descendants().size()) {
                throw new IllegalStateException(notebook.name() + ": expected " + notebook.descendants().size()
                        + " re-runs, the kernel reported " + rerunCount);
            }
            if (run >= warmups) {
                samples.add(rerun.nanos());
            }
        }
        return samples;
    }

    /** What a user without reactivity does: run the 10 chain cells one after another (own names, no cellId). */
    private Samples byHand(TimedClient timed) {
        Samples samples = new Samples();
        for (int run = 0; run < warmups + repetitions; run++) {
            long total = 0;
            for (int i = 0; i < CHAIN_CELLS; i++) {
                String value = i == 0 ? String.valueOf(1 + run % 2) : "h" + (i - 1) + " + 1";
                total += timed.execute(chainCell("h", i, value)).nanos();
            }
            if (run >= warmups) {
                samples.add(total);
            }
        }
        return samples;
    }

    private Samples bareSequence(BareJShell bare, Notebook notebook) {
        Samples samples = new Samples();
        for (int run = -1; run < warmups + repetitions; run++) {
            long total = bare.evalCell(notebook.root().apply(run < 0 ? 0 : 1 + run % 2));
            for (String cell : notebook.descendants()) {
                total += bare.evalCell(cell);
            }
            if (run >= warmups) {
                samples.add(total);
            }
        }
        return samples;
    }

    /** Re-run reports in the triggering cell: display_data without display_id headed "re-ran". */
    private static int rerunReports(KernelClient.Execution execution) {
        int count = 0;
        for (Message m : execution.ofType("display_data")) {
            boolean report = m.field("transient").path("display_id").isMissingNode();
            if (report && m.field("data").path("text/plain").asText().startsWith("re-ran")) {
                count++;
            }
        }
        return count;
    }
}
