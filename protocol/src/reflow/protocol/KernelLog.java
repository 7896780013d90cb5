package reflow.protocol;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * One line per event on the process's real stderr. Writes to the file descriptor, not {@code System.err},
 * because the kernel redirects {@code System.err} into cell output while code runs.
 */
public final class KernelLog {
    private static final PrintStream STDERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private KernelLog() {}

    public static void info(String message) {
        write("INFO", message);
    }

    public static void warn(String message) {
        write("WARN", message);
    }

    private static void write(String level, String message) {
        String oneLine = message.replace('\n', ' ').replace('\r', ' ');
        synchronized (STDERR) {
            STDERR.println("[reflow " + LocalTime.now().format(TIME) + " " + level + "] " + oneLine);
        }
    }
}
