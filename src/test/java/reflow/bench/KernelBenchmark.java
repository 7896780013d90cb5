package reflow.bench;

import java.time.Duration;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import reflow.protocol.Channel;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * Prints what a user feels of the kernel: launch time, execute and complete round trips over real ZeroMQ,
 * the kernel's memory, and the same snippets in a bare in-process JShell so the kernel's overhead shows
 * as a ratio. Not a test: nothing is asserted about timings.
 *
 * <p>The kernel re-runs an unchanged source from its compiled code, so each timed execute is a new source
 * ({@code 1 + 1}, {@code 1 + 2}, ...; {@code int a = 1;}, {@code int a = 2;}, ...) that it compiles as JShell
 * does; the same {@code 1 + 1} sent again is timed apart, as a re-run of compiled code.
 *
 * <p>Run: {@code ./bench.sh}, or {@code java -cp target/classes:target/test-classes:DEPS reflow.bench.KernelBenchmark}.
 */
public final class KernelBenchmark {
    private static final String EXPRESSION = "1 + 1";
    /** Run i of each figure: a source the kernel has not seen, so it compiles it (see the class comment). */
    private static final IntFunction<String> EXPRESSIONS = i -> "1 + " + i;
    private static final IntFunction<String> DECLARATIONS = i -> "int a = " + i + ";";
    private static final IntFunction<String> TRACKED_EXPRESSIONS = i -> "2 + " + i;
    private static final IntFunction<String> TRACKED_DECLARATIONS = i -> "int t = " + i + ";";
    private static final String COMPLETION = "Integer.MAX_";

    private final int warmups = BenchSettings.get("warmups", 20);
    private final int runs = BenchSettings.get("runs", 100);
    private final int launches = BenchSettings.get("launches", 5);

    public static void main(String[] args) throws Exception {
        new KernelBenchmark().run();
        System.exit(0); // JShell and ZeroMQ leave non-daemon threads behind
    }

    private void run() throws Exception {
        System.out.println("KernelBenchmark: " + launches + " launches; " + warmups + " warm-ups then " + runs
                + " timed runs per snippet, each kernel run followed by the same snippet in a bare JShell; Java "
                + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores; "
                + InstalledKernel.loadAverage());
        System.out.println(InstalledKernel.describe());
        // JShell's start-up costs first, while this JVM is cold, as a fresh JShell user meets them.
        try (BareJShell bare = BareJShell.start()) {
            long buildNanos = bare.buildNanos();
            long firstEvalNanos = bare.evalCell(EXPRESSION);
            Samples launch = new Samples();
            Samples firstExecute = new Samples();
            for (int i = 0; i < launches; i++) {
                measureLaunch(launch, firstExecute);
            }
            try (KernelProcess kernel = InstalledKernel.start();
                 KernelClient client = kernel.connect(Duration.ofSeconds(60))) {
                TimedClient timed = new TimedClient(client);
                Pair expression = repeat(i -> timed.execute(EXPRESSIONS.apply(i)).nanos(),
                        i -> bare.evalCell(EXPRESSIONS.apply(i)));
                Pair declaration = repeat(i -> timed.execute(DECLARATIONS.apply(i)).nanos(),
                        i -> bare.evalCell(DECLARATIONS.apply(i)));
                Pair trackedExpression = repeat(i -> timed.executeCell("bench-expression", TRACKED_EXPRESSIONS.apply(i)).nanos(),
                        i -> bare.evalCell(TRACKED_EXPRESSIONS.apply(i)));
                Pair trackedDeclaration = repeat(i -> timed.executeCell("bench-declaration", TRACKED_DECLARATIONS.apply(i)).nanos(),
                        i -> bare.evalCell(TRACKED_DECLARATIONS.apply(i)));
                Pair rerun = repeat(i -> timed.execute(EXPRESSION).nanos(), i -> bare.evalCell(EXPRESSION));
                Pair complete = repeat(i -> timed.complete(COMPLETION), i -> bare.complete(COMPLETION));
                long pid = kernel.process().pid();
                System.out.println("finished; " + InstalledKernel.loadAverage());
                printKernel(launch, firstExecute, expression, declaration, trackedExpression, trackedDeclaration,
                        rerun, complete, ProcessMemory.describe(pid, "VmRSS"), ProcessMemory.describe(pid, "VmHWM"));
                printBare(buildNanos, firstEvalNanos, expression, declaration, rerun, complete);
                printRatios(expression, declaration, trackedExpression, trackedDeclaration, rerun, complete);
            }
        }
    }

    /** Spawn to kernel_info_reply, then (same kernel) spawn to the reply of the first execute. */
    private static void measureLaunch(Samples launch, Samples firstExecute) throws Exception {
        try (KernelProcess kernel = InstalledKernel.start();
             KernelClient client = KernelClient.connect(kernel.connectionInfo())) {
            // The request waits in the DEALER's queue until the kernel binds: no polling, as jupyter_client.
            String info = client.send(Channel.SHELL, "kernel_info_request", Map.of());
            client.awaitReply(Channel.SHELL, info, Duration.ofSeconds(60));
            launch.add(System.nanoTime() - kernel.spawnedAtNanos());
            // The reply, not idle: iopub messages sent before the SUB subscription settles can be lost.
            String execute = client.execute(EXPRESSION);
            client.awaitReply(Channel.SHELL, execute, Duration.ofSeconds(60));
            firstExecute.add(System.nanoTime() - kernel.spawnedAtNanos());
        }
    }

    /** The kernel's samples and the bare JShell's, taken alternately so both see the same machine load. */
    private record Pair(Samples kernel, Samples bare) {}

    /** Warm-ups, then timed runs; each run gets its own index (warm-ups included), for sources of their own. */
    private Pair repeat(IntToLongFunction kernelRun, IntToLongFunction bareRun) {
        for (int i = 0; i < warmups; i++) {
            kernelRun.applyAsLong(i);
            bareRun.applyAsLong(i);
        }
        Pair pair = new Pair(new Samples(), new Samples());
        for (int i = warmups; i < warmups + runs; i++) {
            pair.kernel().add(kernelRun.applyAsLong(i));
            pair.bare().add(bareRun.applyAsLong(i));
        }
        return pair;
    }

    private void printKernel(Samples launch, Samples firstExecute, Pair expression, Pair declaration,
                             Pair trackedExpression, Pair trackedDeclaration, Pair rerun, Pair complete, String rss,
                             String peakRss) {
        FigureTable kernel = new FigureTable("Kernel over ZeroMQ (median of " + runs + " after " + warmups
                + " warm-ups; launch: median of " + launch.size() + ")");
        kernel.row("launch -> kernel_info_reply", Samples.ms(launch.medianMs()), JJavaReference.LAUNCH_TO_KERNEL_INFO);
        kernel.row("launch -> first execute_reply (`1 + 1`)", Samples.ms(firstExecute.medianMs()));
        kernel.row("execute `int a = i;`, i new each run (send -> reply+idle)", declaration.kernel().medianAndP90(),
                JJavaReference.EXECUTE_INT);
        kernel.row("execute `1 + i`, i new each run", expression.kernel().medianAndP90(), JJavaReference.EXECUTE_EXPRESSION);
        kernel.row("execute `int t = i;` with cellId (tracked)", trackedDeclaration.kernel().medianAndP90());
        kernel.row("execute `2 + i` with cellId (tracked)", trackedExpression.kernel().medianAndP90());
        kernel.row("execute `1 + 1` again and again (compiled code re-run)", rerun.kernel().medianAndP90());
        kernel.row("complete `Integer.MAX_` (send -> reply)", complete.kernel().medianAndP90(), JJavaReference.COMPLETE);
        kernel.row("kernel RSS after the runs (VmRSS)", rss, JJavaReference.RSS);
        kernel.row("kernel peak RSS (VmHWM)", peakRss);
        kernel.row("drift `int a = i;`: first vs last quarter", drift(declaration.kernel()));
        kernel.row("drift `1 + i`: first vs last quarter", drift(expression.kernel()));
        kernel.print();
    }

    private void printBare(long buildNanos, long firstEvalNanos, Pair expression, Pair declaration, Pair rerun,
                           Pair complete) {
        FigureTable jshell = new FigureTable("Bare in-process JShell (executionEngine \"local\", this JVM)");
        jshell.row("JShell.builder()...build()", Samples.ms(Samples.nanosToMs(buildNanos)), JJavaReference.BARE_BUILDER);
        jshell.row("first eval (`1 + 1`)", Samples.ms(Samples.nanosToMs(firstEvalNanos)), JJavaReference.BARE_FIRST_EVAL);
        jshell.row("eval `int a = i;`", declaration.bare().medianAndP90(), JJavaReference.BARE_INT);
        jshell.row("eval `1 + i`", expression.bare().medianAndP90(), JJavaReference.BARE_EXPRESSION);
        jshell.row("eval `1 + 1` again and again", rerun.bare().medianAndP90());
        jshell.row("completionSuggestions `Integer.MAX_`", complete.bare().medianAndP90());
        jshell.print();
    }

    private void printRatios(Pair expression, Pair declaration, Pair trackedExpression, Pair trackedDeclaration,
                             Pair rerun, Pair complete) {
        FigureTable ratio = new FigureTable("Protocol + kernel overhead (kernel median / bare JShell median, same snippet)");
        ratio.row("`int a = i;`", ratio(declaration));
        ratio.row("`1 + i`", ratio(expression));
        ratio.row("`int t = i;` tracked (cellId)", ratio(trackedDeclaration));
        ratio.row("`2 + i` tracked (cellId)", ratio(trackedExpression));
        ratio.row("`1 + 1` again (kernel: compiled code re-run)", ratio(rerun));
        ratio.row("complete `Integer.MAX_`", ratio(complete));
        ratio.print();
    }

    private static String ratio(Pair pair) {
        Samples kernel = pair.kernel();
        Samples bare = pair.bare();
        double difference = kernel.medianMs() - bare.medianMs();
        return "x" + Samples.number(kernel.medianMs() / bare.medianMs()) + "  (" + (difference >= 0 ? "+" : "")
                + Samples.ms(difference) + ")";
    }

    /** Whether a request slows down as the session grows (e.g. state kept per run). */
    private static String drift(Samples samples) {
        int quarter = samples.size() / 4;
        if (quarter == 0) {
            return "n/a";
        }
        return Samples.ms(samples.slice(0, quarter).medianMs()) + " -> "
                + Samples.ms(samples.slice(samples.size() - quarter, samples.size()).medianMs());
    }
}
