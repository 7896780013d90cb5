package reflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reflow.protocol.Channel;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * Prints how a session's size changes what a cell costs, each figure beside its baseline from the same run:
 * <ul>
 * <li>a trivial execute (a new expression {@code 1 + k}, and a new declaration {@code int pk = k;}, both
 * compiled) in a fresh kernel and in one that holds 1,000 declarations, both alive and probed alternately
 * (and in a third holding them, started with {@code -Dreflow.allImports=true}: every import compiled),
 * and the same in two bare JShells (JShell's own growth: every snippet is compiled against an import of
 * every declaration before it);</li>
 * <li>JupyterLab's Run All of a 500-cell notebook (all requests sent at once, with cell ids), first run
 * (every cell compiled) and second run (unchanged cells, their compiled code re-run), against a bare
 * JShell evaluating the same 500 cells.</li>
 * </ul>
 * Not a test: nothing is asserted about timings.
 */
public final class GrowthBenchmark {
    private final int declarations = BenchSettings.get("growthDeclarations", 1000);
    private final int probes = BenchSettings.get("growthProbes", 30);
    private final int warmups = BenchSettings.get("growthWarmups", 150);
    private final int notebookCells = BenchSettings.get("runAllCells", 500);
    private int probeSerial;

    public static void main(String[] args) throws Exception {
        new GrowthBenchmark().run();
        System.exit(0); // JShell and ZeroMQ leave non-daemon threads behind
    }

    private void run() throws Exception {
        System.out.println("GrowthBenchmark: " + probes + " probes per figure, " + declarations + " declarations, a "
                + notebookCells + "-cell Run All; " + InstalledKernel.loadAverage());
        System.out.println(InstalledKernel.describe());
        FigureTable table = new FigureTable("A growing session (send -> reply+idle, medians; bare JShell: eval only)");
        // Two kernels and two bare JShells side by side, warmed alike, probed alternately: the fresh and the
        // grown session see the same JIT state and the same machine load.
        try (BareJShell bareFresh = BareJShell.start();
             BareJShell bareGrown = BareJShell.start();
             KernelProcess fresh = InstalledKernel.start();
             KernelClient freshClient = fresh.connect(Duration.ofSeconds(60));
             KernelProcess grown = InstalledKernel.start();
             KernelClient grownClient = grown.connect(Duration.ofSeconds(60));
             KernelProcess grownAll = InstalledKernel.startWithJvmFlags(List.of("-Dreflow.allImports=true"));
             KernelClient grownAllClient = grownAll.connect(Duration.ofSeconds(60))) {
            TimedClient timedFresh = new TimedClient(freshClient);
            TimedClient timedGrown = new TimedClient(grownClient);
            TimedClient timedGrownAll = new TimedClient(grownAllClient);
            for (int i = 0; i < warmups; i++) {
                warm(timedFresh, bareFresh, i);
                warm(timedGrown, bareGrown, i);
                timedGrownAll.execute("2 + " + i);
                timedGrownAll.execute((i % 2 == 0 ? "int" : "long") + " warmUp = " + i + ";");
            }
            long declareStart = System.nanoTime();
            for (int i = 0; i < declarations; i++) {
                timedGrown.execute("int grown" + i + " = " + i + ";");
                timedGrownAll.execute("int grown" + i + " = " + i + ";");
                bareGrown.evalCell("int grown" + i + " = " + i + ";");
            }
            double declareMs = Samples.nanosToMs(System.nanoTime() - declareStart);
            Samples[] before = {new Samples(), new Samples(), new Samples(), new Samples()};
            Samples[] after = {new Samples(), new Samples(), new Samples(), new Samples()};
            Samples[] afterAllImports = {new Samples(), new Samples()};
            for (int i = 0; i < probes; i++) {
                probe(timedFresh, bareFresh, before);
                probe(timedGrown, bareGrown, after);
                int k = ++probeSerial;
                afterAllImports[0].add(timedGrownAll.execute("1 + " + k).nanos());
                afterAllImports[1].add(timedGrownAll.execute("int p" + k + " = " + k + ";").nanos());
            }
            String[] what = {"a new expression `1 + k`", "a new declaration `int pk = k;`"};
            for (int kind = 0; kind < 2; kind++) {
                table.row(what[kind] + ", fresh kernel", before[kind].medianAndP90());
                table.row(what[kind] + ", kernel after " + declarations + " declarations", after[kind].medianAndP90());
                table.row(what[kind] + ": ratio after / fresh (target <= 1.3)",
                        Samples.ratio(after[kind].medianMs() / before[kind].medianMs()));
                table.row(what[kind] + ", after " + declarations + ", every import compiled (-Dreflow.allImports)",
                        afterAllImports[kind].medianAndP90() + ", ratio to fresh "
                                + Samples.ratio(afterAllImports[kind].medianMs() / before[kind].medianMs()));
                table.row(what[kind] + ", bare JShell: fresh -> after " + declarations,
                        before[kind + 2].medianAndP90() + " -> " + after[kind + 2].medianAndP90() + ", ratio "
                                + Samples.ratio(after[kind + 2].medianMs() / before[kind + 2].medianMs()));
            }
            table.row(declarations + " declarations, two kernels and a bare JShell alternating (total)", Samples.ms(declareMs));
        }
        System.out.println("after the growth figures; " + InstalledKernel.loadAverage());
        runAll(table);
        System.out.println("finished; " + InstalledKernel.loadAverage());
        table.print();
    }

    /**
     * Warms the compile paths without growing the session: expressions (their temporaries are dropped) and
     * one variable declared again with alternating types (a new declaration each time, never a second name).
     */
    private static void warm(TimedClient timed, BareJShell bare, int i) {
        String expression = "2 + " + i;
        String declaration = (i % 2 == 0 ? "int" : "long") + " warmUp = " + i + ";";
        timed.execute(expression);
        bare.evalCell(expression);
        timed.execute(declaration);
        bare.evalCell(declaration);
    }

    /** {kernel 1+k, kernel int, bare 1+k, bare int}: each probe is new source, so every one is compiled. */
    private void probe(TimedClient timed, BareJShell bare, Samples[] samples) {
        int k = ++probeSerial;
        samples[0].add(timed.execute("1 + " + k).nanos());
        samples[2].add(bare.evalCell("1 + " + k));
        samples[1].add(timed.execute("int p" + k + " = " + k + ";").nanos());
        samples[3].add(bare.evalCell("int p" + k + " = " + k + ";"));
    }

    /** A notebook of declarations, methods, cells using both, and printing cells. */
    private List<String> notebook() {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < notebookCells; i++) {
            cells.add(switch (i % 4) {
                case 0 -> "int r" + i + " = " + i + ";";
                case 1 -> "int f" + i + "(int x) { return x + " + i + "; }";
                case 2 -> "int r" + i + " = f" + (i - 1) + "(r" + (i - 2) + ") % 1000;";
                default -> "System.out.println(\"r" + (i - 1) + " = \" + r" + (i - 1) + ");";
            });
        }
        return cells;
    }

    private void runAll(FigureTable table) throws Exception {
        List<String> cells = notebook();
        try (BareJShell bare = BareJShell.start();
             KernelProcess kernel = InstalledKernel.start();
             KernelClient client = kernel.connect(Duration.ofSeconds(60))) {
            TimedClient timed = new TimedClient(client);
            timed.execute("1 + 1");
            bare.evalCell("1 + 1");
            long first = runAll(client, cells);
            long bareFirst = bareRun(bare, cells);
            long second = runAll(client, cells);
            long bareSecond = bareRun(bare, cells);
            table.row("Run All, " + cells.size() + " cells, first run (every cell compiled)", Samples.ms(Samples.nanosToMs(first)));
            table.row("  bare JShell evaluating the same " + cells.size() + " cells", Samples.ms(Samples.nanosToMs(bareFirst))
                    + ", ratio " + Samples.ratio((double) first / bareFirst));
            table.row("Run All again, nothing edited (compiled code re-run)", Samples.ms(Samples.nanosToMs(second)));
            table.row("  bare JShell evaluating them again", Samples.ms(Samples.nanosToMs(bareSecond))
                    + ", ratio " + Samples.ratio((double) second / bareSecond));
        }
    }

    /** Sends every cell at once, as JupyterLab's Run All does, and waits for the last one to finish. */
    private static long runAll(KernelClient client, List<String> cells) {
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("cellId", "runall-" + i);
            ids.add(client.send(Channel.SHELL, "execute_request", KernelClient.executeContent(cells.get(i)), metadata));
        }
        for (String id : ids) {
            KernelClient.Execution execution = client.collect(id, Duration.ofMinutes(5));
            if (!execution.status().equals("ok")) {
                throw new IllegalStateException("Run All: a cell failed: " + execution.reply().content());
            }
        }
        return System.nanoTime() - start;
    }

    /** The bare JShell runs snippets in this JVM: what its printing cells print is dropped, not timed differently. */
    private static long bareRun(BareJShell bare, List<String> cells) {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            long total = 0;
            for (String cell : cells) {
                total += bare.evalCell(cell);
            }
            return total;
        } finally {
            System.setOut(out);
        }
    }
}
