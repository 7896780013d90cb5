package reflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import reflow.protocol.wire.Message;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * Prints what %maven costs: the first resolution of a 20+ jar tree from Maven Central into an empty local
 * repository, the same tree in fresh kernels with an offline settings.xml (the restart case), a repeat of
 * loaded coordinates, and what the extra jars add to every later execute. Figures only, no asserts.
 * Needs Maven Central; uses a temporary local repository, never ~/.m2.
 */
public final class MavenBenchmark {
    /** About 30 jars: Spring MVC, embedded Tomcat, Jackson, Micrometer, Logback, SnakeYAML. */
    private static final String TREE = System.getProperty("bench.mavenTree",
            "org.springframework.boot:spring-boot-starter-web:3.3.4");
    private final int restarts = BenchSettings.get("mavenRestarts", 3);
    private final int runs = BenchSettings.get("runs", 100);
    private final int warmups = BenchSettings.get("warmups", 20);

    public static void main(String[] args) throws Exception {
        new MavenBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.println("MavenBenchmark: %maven " + TREE + "; " + InstalledKernel.loadAverage());
        System.out.println(InstalledKernel.describe());
        Path dir = Files.createTempDirectory("reflow-bench-maven");
        Path local = dir.resolve("repository");
        Path online = Files.writeString(dir.resolve("online.xml"),
                "<settings><localRepository>" + local + "</localRepository></settings>");
        Path offline = Files.writeString(dir.resolve("offline.xml"),
                "<settings><localRepository>" + local + "</localRepository><offline>true</offline></settings>");
        FigureTable table = new FigureTable("%maven (Maven Resolver 2, send -> reply+idle)");
        try (KernelProcess withJars = kernel(online); KernelClient jars = withJars.connect(Duration.ofSeconds(60));
             KernelProcess plain = kernel(online); KernelClient bare = plain.connect(Duration.ofSeconds(60))) {
            TimedClient timedJars = new TimedClient(jars);
            TimedClient timedBare = new TimedClient(bare);
            timedJars.execute("1 + 1");
            timedBare.execute("1 + 1");
            TimedClient.Timed first = timedJars.execute("%maven " + TREE);
            table.row("first resolution, empty local repository (downloads)", Samples.ms(first.ms()));
            table.row("  what it added", summary(first.execution()));
            Samples repeat = new Samples();
            for (int i = 0; i < 20; i++) {
                repeat.add(timedJars.execute("%maven " + TREE).nanos());
            }
            table.row("repeat of loaded coordinates (nothing to do)", repeat.medianAndP90());
            Samples withExtra = new Samples();
            Samples without = new Samples();
            for (int i = 0; i < warmups + runs; i++) {
                long a = timedJars.execute("1 + 1").nanos();
                long b = timedBare.execute("1 + 1").nanos();
                if (i >= warmups) {
                    withExtra.add(a);
                    without.add(b);
                }
            }
            table.row("execute `1 + 1` with those jars on the classpath", withExtra.medianAndP90());
            table.row("execute `1 + 1` in a kernel without them (same run)", without.medianAndP90());
            table.row("  cost of the extra jars per execute", String.format(java.util.Locale.ROOT, "%+.0f%%",
                    100 * (withExtra.medianMs() / without.medianMs() - 1)));
        }
        Samples remembered = restarted(offline, local, false);
        Samples resolvedAgain = restarted(offline, local, true);
        table.row("same tree in a fresh kernel, offline (tree remembered)", remembered.medianAndP90()
                + " (" + restarts + " kernels)");
        table.row("same, tree forgotten: the resolver reads the cached POMs", resolvedAgain.medianAndP90()
                + " (" + restarts + " kernels)");
        table.print();
        System.out.println("finished; " + InstalledKernel.loadAverage());
    }

    /** The first %maven of fresh kernels; {@code forget} deletes the remembered trees before each. */
    private Samples restarted(Path settings, Path local, boolean forget) throws Exception {
        Samples samples = new Samples();
        for (int i = 0; i < restarts; i++) {
            if (forget) {
                try (var files = Files.walk(local.resolve(".reflow"))) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
            try (KernelProcess kernel = kernel(settings); KernelClient client = kernel.connect(Duration.ofSeconds(60))) {
                TimedClient timed = new TimedClient(client);
                timed.execute("1 + 1");
                samples.add(timed.execute("%maven " + TREE).nanos());
            }
        }
        return samples;
    }

    private static KernelProcess kernel(Path settings) throws Exception {
        return InstalledKernel.start(settings);
    }

    private static String summary(KernelClient.Execution execution) {
        List<Message> updates = execution.ofType("update_display_data");
        if (updates.isEmpty()) {
            return "(no summary: " + execution.iopub() + ")";
        }
        String text = updates.get(updates.size() - 1).field("data").path("text/plain").asText();
        return text.lines().findFirst().orElse("").replaceAll(" in \\d+ ms", "").replaceAll(":.*", "");
    }
}
