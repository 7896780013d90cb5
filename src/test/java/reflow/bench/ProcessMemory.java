package reflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process as Linux reports it in /proc/PID/status. */
final class ProcessMemory {
    private ProcessMemory() {}

    /** VmRSS (now) or VmHWM (peak) in MB, or -1 when /proc cannot tell (not Linux, process gone). */
    static double megabytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    String kilobytes = line.substring(field.length() + 1).replace("kB", "").strip();
                    return Long.parseLong(kilobytes) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: reported as unknown
        }
        return -1;
    }

    /** CPU time the process has used (user + system, all threads) in ms, from /proc/PID/stat; -1 if unknown. */
    static double cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // After "pid (comm) ": state is field 3, utime and stime are fields 14 and 15 (clock ticks, 100/s).
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String describe(long pid, String field) {
        double mb = megabytes(pid, field);
        return mb < 0 ? "unknown (no /proc/" + pid + "/status)" : Samples.number(mb) + " MB";
    }
}
