package reflow.bench;

import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import reflow.protocol.Channel;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * Prints what a user feels of the kernel: launch time, execute and complete round trips over real ZeroMQ,
 * the kernel's memory, and the same snippets in a bare in-process JShell so the kernel's overhead shows
 * as a ratio. Not a test: nothing is asserted about timings.
 *
 * <p>Run: {@code ./bench.sh}, or {@code java -cp target/classes:target/test-classes:DEPS reflow.bench.KernelBenchmark}.
 */
public final class KernelBenchmark {
    private static final String EXPRESSION = "1 + 1";
    private static final String DECLARATION = "int a = 1;";
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
                Pair expression = repeat(() -> timed.execute(EXPRESSION).nanos(), () -> bare.evalCell(EXPRESSION));
                Pair declaration = repeat(() -> timed.execute(DECLARATION).nanos(), () -> bare.evalCell(DECLARATION));
                Pair trackedExpression = repeat(() -> timed.executeCell("bench-expression", EXPRESSION).nanos(),
                        () -> bare.evalCell(EXPRESSION));
                Pair trackedDeclaration = repeat(() -> timed.executeCell("bench-declaration", "int t = 1;").nanos(),
                        () -> bare.evalCell("int t = 1;"));
                Pair complete = repeat(() -> timed.complete(COMPLETION), () -> bare.complete(COMPLETION));
                long pid = kernel.process().pid();
                System.out.println("finished; " + InstalledKernel.loadAverage());
                printKernel(launch, firstExecute, expression, declaration, trackedExpression, trackedDeclaration,
                        complete, ProcessMemory.describe(pid, "VmRSS"), ProcessMemory.describe(pid, "VmHWM"));
                printBare(buildNanos, firstEvalNanos, expression, declaration, complete);
                printRatios(expression, declaration, trackedExpression, trackedDeclaration, complete);
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

    private Pair repeat(LongSupplier kernelRun, LongSupplier bareRun) {
        for (int i = 0; i < warmups; i++) {
            kernelRun.getAsLong();
            bareRun.getAsLong();
        }
        Pair pair = new Pair(new Samples(), new Samples());
        for (int i = 0; i < runs; i++) {
            pair.kernel().add(kernelRun.getAsLong());
            pair.bare().add(bareRun.getAsLong());
        }
        return pair;
    }

    private void printKernel(Samples launch, Samples firstExecute, Pair expression, Pair declaration,
                             Pair trackedExpression, Pair trackedDeclaration, Pair complete, String rss, String peakRss) {
        FigureTable kernel = new FigureTable("Kernel over ZeroMQ (median of " + runs + " after " + warmups
                + " warm-ups; launch: median of " + launch.size() + ")");
        kernel.row("launch -> kernel_info_reply", Samples.ms(launch.medianMs()), JJavaReference.LAUNCH_TO_KERNEL_INFO);
        kernel.row("launch -> first execute_reply (`1 + 1`)", Samples.ms(firstExecute.medianMs()));
        kernel.row("execute `int a = 1;` (send -> reply+idle)", declaration.kernel().medianAndP90(),
                JJavaReference.EXECUTE_INT);
        kernel.row("execute `1 + 1`", expression.kernel().medianAndP90(), JJavaReference.EXECUTE_EXPRESSION);
        kernel.row("execute `int t = 1;` with cellId (tracked)", trackedDeclaration.kernel().medianAndP90());
        kernel.row("execute `1 + 1` with cellId (tracked)", trackedExpression.kernel().medianAndP90());
        kernel.row("complete `Integer.MAX_` (send -> reply)", complete.kernel().medianAndP90(), JJavaReference.COMPLETE);
        kernel.row("kernel RSS after the runs (VmRSS)", rss, JJavaReference.RSS);
        kernel.row("kernel peak RSS (VmHWM)", peakRss);
        kernel.row("drift `int a = 1;`: first vs last quarter", drift(declaration.kernel()));
        kernel.row("drift `1 + 1`: first vs last quarter", drift(expression.kernel()));
        kernel.print();
    }

    private void printBare(long buildNanos, long firstEvalNanos, Pair expression, Pair declaration, Pair complete) {
        FigureTable jshell = new FigureTable("Bare in-process JShell (executionEngine \"local\", this JVM)");
        jshell.row("JShell.builder()...build()", Samples.ms(Samples.nanosToMs(buildNanos)), JJavaReference.BARE_BUILDER);
        jshell.row("first eval (`1 + 1`)", Samples.ms(Samples.nanosToMs(firstEvalNanos)), JJavaReference.BARE_FIRST_EVAL);
        jshell.row("eval `int a = 1;`", declaration.bare().medianAndP90(), JJavaReference.BARE_INT);
        jshell.row("eval `1 + 1`", expression.bare().medianAndP90(), JJavaReference.BARE_EXPRESSION);
        jshell.row("completionSuggestions `Integer.MAX_`", complete.bare().medianAndP90());
        jshell.print();
    }

    private void printRatios(Pair expression, Pair declaration, Pair trackedExpression, Pair trackedDeclaration,
                             Pair complete) {
        FigureTable ratio = new FigureTable("Protocol + kernel overhead (kernel median / bare JShell median, same snippet)");
        ratio.row("`int a = 1;`", ratio(declaration));
        ratio.row("`1 + 1`", ratio(expression));
        ratio.row("`int t = 1;` tracked (cellId)", ratio(trackedDeclaration));
        ratio.row("`1 + 1` tracked (cellId)", ratio(trackedExpression));
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
