package reflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * How soon the kernel gives memory back after a cell held a lot of it, per collector and JDK: a cell fills
 * about 400 MB that are garbage once it ends, then the kernel's resident size (VmRSS from /proc) is sampled
 * for 10 s. Informs the collector flags of kernelspec/kernel.json; prints, asserts nothing.
 *
 * <p>Run: {@code ./bench.sh gc}.
 */
public final class GcReturnBenchmark {
    static final String SPIKE = "{ byte[][] spike = new byte[400][]; for (int i = 0; i < spike.length; i++) "
            + "{ spike[i] = new byte[1 << 20]; java.util.Arrays.fill(spike[i], (byte) 1); } }";
    private static final Path JDK17 = Path.of(System.getProperty("java.home"));
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    record Config(String name, Path jdk, List<String> flags) {}

    public static void main(String[] args) throws Exception {
        List<Config> configs = new ArrayList<>();
        for (Path jdk : List.of(JDK17, JDK25)) {
            if (!Files.isDirectory(jdk)) {
                System.out.println("(no JDK at " + jdk + ")");
                continue;
            }
            String v = jdk.equals(JDK17) ? "17" : "25";
            String noTrim = "-Dreflow.idleHeapTrim=false";
            configs.add(new Config(v + " Serial", jdk, List.of(noTrim, "-XX:+UseSerialGC")));
            configs.add(new Config(v + " G1", jdk, List.of(noTrim, "-XX:+UseG1GC")));
            configs.add(new Config(v + " G1 periodic 1 s", jdk, List.of(noTrim, "-XX:+UseG1GC",
                    "-XX:G1PeriodicGCInterval=1000")));
            configs.add(new Config(v + " G1 periodic 1 s, free ratio 10-30", jdk, List.of(noTrim, "-XX:+UseG1GC",
                    "-XX:G1PeriodicGCInterval=1000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30")));
            configs.add(new Config(v + " G1 periodic 3 s, free ratio 10-30", jdk, List.of(noTrim, "-XX:+UseG1GC",
                    "-XX:G1PeriodicGCInterval=3000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30")));
            configs.add(new Config(v + " ZGC uncommit 1 s", jdk, List.of(noTrim, "-XX:+UseZGC",
                    "-XX:ZUncommitDelay=1", "-XX:ZCollectionInterval=1")));
            configs.add(new Config(v + " Shenandoah uncommit 1 s", jdk, List.of(noTrim, "-XX:+UseShenandoahGC",
                    "-XX:+UnlockExperimentalVMOptions", "-XX:ShenandoahUncommitDelay=1000",
                    "-XX:ShenandoahGuaranteedGCInterval=1000")));
            // The kernel's own idle trim (IdleHeapTrim): one full collection a second after a spike.
            configs.add(new Config(v + " Serial + idle trim, free ratio 10-30", jdk, List.of("-XX:+UseSerialGC",
                    "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:-ShrinkHeapInSteps")));
            configs.add(new Config(v + " G1 + idle trim, free ratio 10-30", jdk, List.of("-XX:+UseG1GC",
                    "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:-ShrinkHeapInSteps")));
        }
        if (args.length > 0) { // e.g. "17 G1" "25": only the collectors whose name contains one of these
            configs.removeIf(c -> List.of(args).stream().noneMatch(c.name()::contains));
        }
        System.out.println("GcReturnBenchmark: a cell fills 400 MB (garbage when it ends); RSS sampled after it; "
                + InstalledKernel.loadAverage());
        System.out.printf("%-40s %9s %9s %9s %9s %9s %9s %11s%n", "collector", "idle MB", "peak MB", "+1 s", "+3 s",
                "+10 s", "back in", "idle CPU");
        for (Config config : configs) {
            measure(config);
        }
        System.out.println("(back in: first sample within 50 MB of the idle RSS; '-' = not within 10 s; "
                + InstalledKernel.loadAverage() + ")");
        System.exit(0);
    }

    /** User + system CPU time of a process from /proc/PID/stat, in ms (clock ticks of 10 ms). */
    static long cpuMillis(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static void measure(Config config) throws Exception {
        try (KernelProcess kernel = KernelProcess.builder("reflow.kernel.Main").javaHome(config.jdk())
                .jvmArgs(config.flags().toArray(String[]::new)).start();
             KernelClient client = kernel.connect(Duration.ofSeconds(60))) {
            long pid = kernel.process().pid();
            for (int i = 0; i < 5; i++) {
                client.collect(client.execute("int warm" + i + " = " + i + ";"), Duration.ofSeconds(120));
            }
            Thread.sleep(3000); // let start-up garbage settle the same way for every collector
            double idle = ProcessMemory.megabytes(pid, "VmRSS");
            KernelClient.Execution spike = client.collect(client.execute(SPIKE), Duration.ofSeconds(120));
            if (!spike.status().equals("ok")) {
                System.out.printf("%-40s failed: %s%n", config.name(), spike.reply().content());
                return;
            }
            long end = System.nanoTime();
            double peak = ProcessMemory.megabytes(pid, "VmHWM");
            double at1 = -1;
            double at3 = -1;
            double at10 = -1;
            String backIn = "-";
            for (int sample = 1; sample <= 40; sample++) {
                Thread.sleep(Math.max(0, end + sample * 250_000_000L - System.nanoTime()) / 1_000_000);
                double rss = ProcessMemory.megabytes(pid, "VmRSS");
                if (backIn.equals("-") && rss <= idle + 50) {
                    backIn = String.format("%.2f s", sample * 0.25);
                }
                if (sample == 4) {
                    at1 = rss;
                } else if (sample == 12) {
                    at3 = rss;
                } else if (sample == 40) {
                    at10 = rss;
                }
            }
            // What the collector costs a kernel that sits idle afterwards (periodic collections are not free).
            long cpuBefore = cpuMillis(pid);
            Thread.sleep(10_000);
            double idleCpu = (cpuMillis(pid) - cpuBefore) / 10.0;
            System.out.printf("%-40s %9.0f %9.0f %9.0f %9.0f %9.0f %9s %6.1f ms/s%n", config.name(), idle, peak, at1, at3,
                    at10, backIn, idleCpu);
        }
    }
}
