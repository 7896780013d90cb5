package reflow.bench;

import java.time.Duration;
import java.util.Map;
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
    private final int runs = BenchSettings.get("runs", 200);
    private final int launches = BenchSettings.get("launches", 5);

    public static void main(String[] args) throws Exception {
        new KernelBenchmark().run();
        System.exit(0); // JShell and ZeroMQ leave non-daemon threads behind
    }

    private void run() throws Exception {
        System.out.println("KernelBenchmark: " + launches + " launches; " + warmups + " warm-ups then " + runs
                + " timed runs per snippet; Java " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores; " + InstalledKernel.loadAverage());
        System.out.println(InstalledKernel.describe());
        // Bare JShell first, while this JVM is cold, as a fresh JShell user would meet it.
        BareFigures bare = measureBareJShell();
        Samples launch = new Samples();
        Samples firstExecute = new Samples();
        for (int i = 0; i < launches; i++) {
            measureLaunch(launch, firstExecute);
        }
        try (KernelProcess kernel = InstalledKernel.start();
             KernelClient client = kernel.connect(Duration.ofSeconds(60))) {
            TimedClient timed = new TimedClient(client);
            Samples expression = repeat(() -> timed.execute(EXPRESSION).nanos());
            Samples declaration = repeat(() -> timed.execute(DECLARATION).nanos());
            Samples trackedExpression = repeat(() -> timed.executeCell("bench-expression", EXPRESSION).nanos());
            Samples trackedDeclaration = repeat(() -> timed.executeCell("bench-declaration", "int t = 1;").nanos());
            Samples complete = repeat(() -> timed.complete(COMPLETION));
            long pid = kernel.process().pid();
            System.out.println("finished; " + InstalledKernel.loadAverage());
            print(bare, launch, firstExecute, expression, declaration, trackedExpression, trackedDeclaration,
                    complete, ProcessMemory.describe(pid, "VmRSS"), ProcessMemory.describe(pid, "VmHWM"));
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

    private record BareFigures(long buildNanos, long firstEvalNanos, Samples expression, Samples declaration,
                               Samples complete) {}

    private BareFigures measureBareJShell() {
        try (BareJShell bare = BareJShell.start()) {
            long first = bare.evalCell(EXPRESSION);
            Samples expression = repeat(() -> bare.evalCell(EXPRESSION));
            Samples declaration = repeat(() -> bare.evalCell(DECLARATION));
            Samples complete = repeat(() -> bare.complete(COMPLETION));
            return new BareFigures(bare.buildNanos(), first, expression, declaration, complete);
        }
    }

    private Samples repeat(java.util.function.LongSupplier timedRun) {
        for (int i = 0; i < warmups; i++) {
            timedRun.getAsLong();
        }
        Samples samples = new Samples();
        for (int i = 0; i < runs; i++) {
            samples.add(timedRun.getAsLong());
        }
        return samples;
    }

    private void print(BareFigures bare, Samples launch, Samples firstExecute, Samples expression,
                       Samples declaration, Samples trackedExpression, Samples trackedDeclaration, Samples complete,
                       String rss, String peakRss) {
        FigureTable kernel = new FigureTable("Kernel over ZeroMQ (median of " + runs + " after " + warmups
                + " warm-ups; launch: median of " + launch.size() + ")");
        kernel.row("launch -> kernel_info_reply", Samples.ms(launch.medianMs()), JJavaReference.LAUNCH_TO_KERNEL_INFO);
        kernel.row("launch -> first execute_reply (`1 + 1`)", Samples.ms(firstExecute.medianMs()));
        kernel.row("execute `int a = 1;` (send -> reply+idle)", declaration.medianAndP90(), JJavaReference.EXECUTE_INT);
        kernel.row("execute `1 + 1`", expression.medianAndP90(), JJavaReference.EXECUTE_EXPRESSION);
        kernel.row("execute `int t = 1;` with cellId (tracked)", trackedDeclaration.medianAndP90());
        kernel.row("execute `1 + 1` with cellId (tracked)", trackedExpression.medianAndP90());
        kernel.row("complete `Integer.MAX_` (send -> reply)", complete.medianAndP90(), JJavaReference.COMPLETE);
        kernel.row("kernel RSS after the runs (VmRSS)", rss, JJavaReference.RSS);
        kernel.row("kernel peak RSS (VmHWM)", peakRss);
        kernel.row("drift `int a = 1;`: first vs last quarter", drift(declaration));
        kernel.row("drift `1 + 1`: first vs last quarter", drift(expression));
        kernel.print();

        FigureTable jshell = new FigureTable("Bare in-process JShell (executionEngine \"local\", this JVM)");
        jshell.row("JShell.builder()...build()", Samples.ms(Samples.nanosToMs(bare.buildNanos())),
                JJavaReference.BARE_BUILDER);
        jshell.row("first eval (`1 + 1`)", Samples.ms(Samples.nanosToMs(bare.firstEvalNanos())),
                JJavaReference.BARE_FIRST_EVAL);
        jshell.row("eval `int a = 1;`", bare.declaration().medianAndP90(), JJavaReference.BARE_INT);
        jshell.row("eval `1 + 1`", bare.expression().medianAndP90(), JJavaReference.BARE_EXPRESSION);
        jshell.row("completionSuggestions `Integer.MAX_`", bare.complete().medianAndP90());
        jshell.print();

        FigureTable ratio = new FigureTable("Protocol + kernel overhead (kernel median / bare JShell median)");
        ratio.row("`int a = 1;`", ratio(declaration, bare.declaration()));
        ratio.row("`1 + 1`", ratio(expression, bare.expression()));
        ratio.row("`int t = 1;` tracked vs bare `int a = 1;`", ratio(trackedDeclaration, bare.declaration()));
        ratio.row("`1 + 1` tracked", ratio(trackedExpression, bare.expression()));
        ratio.row("complete `Integer.MAX_`", ratio(complete, bare.complete()));
        ratio.print();
    }

    private static String ratio(Samples kernel, Samples bare) {
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
