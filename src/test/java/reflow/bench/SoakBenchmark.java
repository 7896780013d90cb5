package reflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;
import reflow.testing.KernelspecFlags;
import reflow.testing.SoakPattern;

/**
 * A long session through the real kernel: {@link SoakPattern}'s 20 cells edited and re-run, 10,000 executes
 * by default, with JupyterLab's cell ids (so edits cascade to the cell using the definition). Every 500
 * executes it prints the round trip (median, p90), the kernel's RSS, its live heap after a full GC, and the
 * classes it has loaded (live: loaded minus unloaded) and unloaded; at the end, the last window against the
 * one after the first 500 executes.
 * Prints, asserts nothing.
 *
 * <p>{@code ./bench.sh soak}; {@code -Dbench.soak.executes=N}, {@code -Dbench.soak.javaHome=/usr/lib/jvm/...} (the JDK
 * the kernel runs on; default this one).
 */
public final class SoakBenchmark {
    private static final int WINDOW = BenchSettings.get("soak.window", 500);

    /**
     * One window's figures. CPU is the kernel process's own (all its threads: JShell, JIT, GC) per execute:
     * unlike the round trip it hardly moves when other processes compete for the cores, so it shows whether
     * the kernel's work per execute grows.
     */
    record Window(int executes, double medianMs, double p90Ms, double cpuMsPerExecute, double rssMb, double liveHeapMb,
                  long classes, long unloaded) {
        String line() {
            return String.format("%6d executes: round trip %6.1f ms (p90 %6.1f), kernel CPU %5.1f ms/execute, RSS %6.1f MB,"
                    + " live heap %5.1f MB, classes %d live (%d unloaded so far)", executes, medianMs, p90Ms,
                    cpuMsPerExecute, rssMb, liveHeapMb, classes, unloaded);
        }
    }

    public static void main(String[] args) throws Exception {
        int executes = BenchSettings.get("soak.executes", 10_000);
        Path javaHome = Path.of(System.getProperty("bench.soak.javaHome", System.getProperty("java.home")));
        Path jar = Path.of("target/reflow.jar");
        KernelProcess.Builder builder = KernelProcess.builder("reflow.kernel.Main").javaHome(javaHome)
                .jvmArgs(KernelspecFlags.JVM.toArray(String[]::new));
        String extraFlags = System.getProperty("bench.soak.kernelFlags", "").strip();
        if (!extraFlags.isEmpty()) {
            builder.jvmArgs(extraFlags.split("\\s+")); // e.g. -XX:StartFlightRecording=filename=soak.jfr
        }
        if (Files.isRegularFile(jar)) {
            builder.classPath(jar.toString());
        }
        System.out.println("SoakBenchmark: " + executes + " executes of 20 edited cells, kernel on " + javaHome
                + " with the kernelspec's flags " + KernelspecFlags.JVM + "; " + InstalledKernel.loadAverage());
        List<Window> windows = new ArrayList<>();
        try (KernelProcess kernel = builder.start(); KernelClient client = kernel.connect(Duration.ofSeconds(60))) {
            TimedClient timed = new TimedClient(client);
            for (SoakPattern.Step cell : SoakPattern.notebook()) {
                timed.executeCell(cell.cellId(), cell.code());
            }
            long pid = kernel.process().pid();
            String traceFile = System.getProperty("bench.soak.traceFile");
            java.io.PrintStream trace = traceFile == null ? null : new java.io.PrintStream(new java.io.FileOutputStream(traceFile), true);
            Samples window = new Samples();
            double cpuAtWindowStart = ProcessMemory.cpuMillis(pid);
            for (int k = 0; k < executes; k++) {
                SoakPattern.Step step = SoakPattern.step(k);
                long nanos = timed.executeCell(step.cellId(), step.code()).nanos();
                window.add(nanos);
                if (trace != null) {
                    trace.println(k + "\t" + step.cellId() + "\t" + nanos / 1000);
                }
                if ((k + 1) % WINDOW == 0) {
                    double cpuPerExecute = (ProcessMemory.cpuMillis(pid) - cpuAtWindowStart) / WINDOW;
                    double rss = ProcessMemory.megabytes(pid, "VmRSS");
                    double heap = liveHeapMb(javaHome, pid); // its full GC also unloads what can go
                    Map<String, Long> counters = perfCounters(javaHome, pid);
                    long unloaded = counters.getOrDefault("java.cls.unloadedClasses", -1L);
                    long loaded = counters.getOrDefault("java.cls.loadedClasses", -1L);
                    Window w = new Window(k + 1, window.medianMs(), window.p90Ms(), cpuPerExecute, rss, heap,
                            loaded < 0 ? -1 : loaded - unloaded, unloaded);
                    windows.add(w);
                    System.out.println(w.line() + "; " + InstalledKernel.loadAverage());
                    window = new Samples();
                    cpuAtWindowStart = ProcessMemory.cpuMillis(pid); // after jcmd's GC, which is not an execute's
                }
            }
        }
        if (windows.size() >= 2) {
            Window base = windows.get(0);
            Window last = windows.get(windows.size() - 1);
            System.out.printf("last window / after %d executes: round trip x%.2f (p90 x%.2f), kernel CPU per execute"
                    + " x%.2f, RSS x%.2f, live heap x%.2f, classes %+d (%.2f per execute)%n", base.executes(),
                    last.medianMs() / base.medianMs(), last.p90Ms() / base.p90Ms(),
                    last.cpuMsPerExecute() / base.cpuMsPerExecute(), last.rssMb() / base.rssMb(),
                    last.liveHeapMb() / base.liveHeapMb(),
                    last.classes() - base.classes(),
                    (last.classes() - base.classes()) / (double) (last.executes() - base.executes()));
        }
        System.out.println("finished; " + InstalledKernel.loadAverage());
        System.exit(0);
    }

    /** Heap in use right after a full GC (jcmd GC.run, then GC.heap_info), in MB; -1 when jcmd cannot tell. */
    private static double liveHeapMb(Path javaHome, long pid) {
        jcmd(javaHome, pid, "GC.run");
        String info = jcmd(javaHome, pid, "GC.heap_info");
        double usedKb = 0;
        boolean found = false;
        for (String line : info.split("\n")) {
            // Serial: "def new generation   total 1234K, used 567K" and "tenured generation total ..., used ...K"
            int used = line.indexOf(" used ");
            if ((line.contains("generation") || line.contains("garbage-first heap") || line.contains("ZHeap"))
                    && used >= 0) {
                String rest = line.substring(used + 6).strip();
                String number = rest.replaceAll("^([0-9]+)K.*", "$1");
                if (number.matches("[0-9]+")) {
                    usedKb += Long.parseLong(number);
                    found = true;
                }
            }
        }
        return found ? usedKb / 1024 : -1;
    }

    /** The JVM's performance counters (jcmd PerfCounter.print): java.cls.loadedClasses, ...unloadedClasses. */
    private static Map<String, Long> perfCounters(Path javaHome, long pid) {
        Map<String, Long> counters = new HashMap<>();
        for (String line : jcmd(javaHome, pid, "PerfCounter.print").split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(eq + 1).strip().matches("-?[0-9]+")) {
                counters.put(line.substring(0, eq).strip(), Long.parseLong(line.substring(eq + 1).strip()));
            }
        }
        return counters;
    }

    private static String jcmd(Path javaHome, long pid, String command) {
        try {
            Process p = new ProcessBuilder(javaHome.resolve("bin/jcmd").toString(), String.valueOf(pid), command)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
