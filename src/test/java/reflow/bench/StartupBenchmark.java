package reflow.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reflow.protocol.Channel;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * Launch time as a frontend meets it: spawn, send kernel_info_request at once (it waits in the client's
 * queue until the kernel binds, as with jupyter_client), time its reply, then send {@code 1 + 1} and time
 * that reply. Reflow runs as an installed kernelspec (class-data-sharing archive included). Baselines in
 * the same run, launched alternately with Reflow so they meet the same load: the JVM alone (the same
 * flags running {@code reflow.jar --help}), and ipykernel (python3 -m ipykernel_launcher) through the same
 * client. Also prints the kernel's own log of its JShell warm-up. Prints, asserts nothing.
 *
 * <p>{@code ./bench.sh start}; {@code -Dbench.launches=N} (default 7); {@code -Dbench.baselineJar=JAR} also
 * launches that build of the kernel (installed the same way) alternately with this one, for a before/after.
 */
public final class StartupBenchmark {
    private static final int LAUNCHES = BenchSettings.get("launches", 7);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern WARM_UP = Pattern.compile("JShell ready in .*");
    private static final String BASELINE_JAR = System.getProperty("bench.baselineJar", "");

    public static void main(String[] args) throws Exception {
        System.out.println("StartupBenchmark: " + LAUNCHES + " launches each; " + InstalledKernel.loadAverage());
        System.out.println(InstalledKernel.describe());
        Samples jvm = new Samples();
        Samples reflowInfo = new Samples();
        Samples reflowFirst = new Samples();
        Samples ipyInfo = new Samples();
        Samples ipyFirst = new Samples();
        List<String> warmUps = new ArrayList<>();
        boolean ipykernel = IpyKernel.available();
        InstalledKernel.Other baseline = BASELINE_JAR.isEmpty() ? null : new InstalledKernel.Other(Path.of(BASELINE_JAR));
        Samples baselineInfo = new Samples();
        Samples baselineFirst = new Samples();
        for (int i = 0; i < LAUNCHES; i++) {
            jvm.add(jvmAlone());
            if (baseline != null) {
                try (KernelProcess kernel = baseline.start();
                     KernelClient client = KernelClient.connect(kernel.connectionInfo())) {
                    long[] t = infoThenFirstExecute(client, kernel.spawnedAtNanos(), "1 + 1");
                    baselineInfo.add(t[0]);
                    baselineFirst.add(t[1]);
                }
            }
            try (KernelProcess kernel = InstalledKernel.start();
                 KernelClient client = KernelClient.connect(kernel.connectionInfo())) {
                long[] t = infoThenFirstExecute(client, kernel.spawnedAtNanos(), "1 + 1");
                reflowInfo.add(t[0]);
                reflowFirst.add(t[1]);
                Matcher m = WARM_UP.matcher(kernel.stderr());
                warmUps.add(m.find() ? m.group() : "(no warm-up line in the kernel's log)");
            }
            if (ipykernel) {
                long[] t = ipykernel();
                ipyInfo.add(t[0]);
                ipyFirst.add(t[1]);
            }
        }
        System.out.printf("%-52s %22s %22s%n", "median (range), " + LAUNCHES + " launches", "launch -> kernel_info",
                "launch -> first 1 + 1");
        row("JVM alone (kernelspec flags, reflow.jar --help)", jvm, null);
        row("Reflow (installed kernelspec)", reflowInfo, reflowFirst);
        if (baseline != null) {
            row("Reflow baseline (" + Path.of(BASELINE_JAR).getFileName() + ")", baselineInfo, baselineFirst);
            System.out.printf("%-52s %22s %22s%n", "Reflow / baseline (medians)",
                    Samples.ratio(reflowInfo.medianMs() / baselineInfo.medianMs()),
                    Samples.ratio(reflowFirst.medianMs() / baselineFirst.medianMs()));
        }
        if (ipykernel) {
            row("ipykernel (python3 -m ipykernel_launcher)", ipyInfo, ipyFirst);
        } else {
            System.out.println("ipykernel: not available (/usr/bin/python3 -m ipykernel_launcher)");
        }
        System.out.println("Reflow's JShell warm-up, per launch (from the kernel's log):");
        warmUps.forEach(line -> System.out.println("  " + line));
        System.out.println("finished; " + InstalledKernel.loadAverage());
        System.exit(0);
    }

    private static void row(String name, Samples info, Samples first) {
        System.out.printf("%-52s %22s %22s%n", name, range(info), first == null ? "" : range(first));
    }

    private static String range(Samples s) {
        return Samples.ms(s.medianMs()) + " (" + Samples.number(s.percentileMs(0)) + "-" + Samples.number(s.percentileMs(1))
                + ")";
    }

    /** Times from spawn to kernel_info_reply and to the first execute's reply, in ns. */
    private static long[] infoThenFirstExecute(KernelClient client, long spawnedAt, String code) {
        String info = client.send(Channel.SHELL, "kernel_info_request", Map.of());
        client.awaitReply(Channel.SHELL, info, TIMEOUT);
        long infoAt = System.nanoTime();
        String execute = client.execute(code);
        client.awaitReply(Channel.SHELL, execute, TIMEOUT);
        return new long[] {infoAt - spawnedAt, System.nanoTime() - spawnedAt};
    }

    /** The JVM with the kernelspec's flags and jar, doing nothing but print the usage. */
    private static long jvmAlone() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(InstalledKernel.jvmFlags());
        command.addAll(List.of("-cp", InstalledKernel.jar(), "reflow.kernel.Main", "--help"));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor(60, TimeUnit.SECONDS);
        return System.nanoTime() - start;
    }

    private static long[] ipykernel() throws Exception {
        try (IpyKernel kernel = IpyKernel.start(); KernelClient client = KernelClient.connect(kernel.connectionInfo())) {
            return infoThenFirstExecute(client, kernel.spawnedAtNanos(), "1 + 1");
        }
    }
}
