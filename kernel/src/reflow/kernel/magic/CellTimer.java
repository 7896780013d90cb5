package reflow.kernel.magic;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/**
 * {@code %time} / {@code %%time}: wall-clock and CPU time of the code that follows. CPU time is the whole
 * kernel process's (every thread: the cell's, threads it started, the JIT and GC), since a cell's work is
 * not bound to one thread.
 */
public final class CellTimer {
    public static final String HELP = """
            Times the rest of the cell: `%time` on its own line above the code, `%time expression` for one line,
            or `%%time` as the first line of the cell. Prints the wall-clock time and the CPU time used by the
            kernel process (all threads) while it ran.""";

    private final long wallStart;
    private final long cpuStart;

    private CellTimer() {
        this.cpuStart = processCpuNanos();
        this.wallStart = System.nanoTime();
    }

    public static CellTimer start() {
        return new CellTimer();
    }

    public static boolean isTimeMagic(MagicCell.Call call) {
        return call.name().equals("time") && !call.args().equals("--help") && !call.args().equals("-h");
    }

    public String report() {
        long wall = System.nanoTime() - wallStart;
        long cpu = processCpuNanos() - cpuStart;
        return "Wall time: " + format(wall) + (cpuStart < 0 ? "" : ", CPU time: " + format(Math.max(cpu, 0)) + " (kernel process)");
    }

    static String format(long nanos) {
        if (nanos < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
