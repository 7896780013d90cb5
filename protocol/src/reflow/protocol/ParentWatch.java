package reflow.protocol;

import java.time.Instant;
import java.util.Optional;

/**
 * Ends the kernel when the process that started it is gone, so that a killed frontend or server leaves
 * no kernel behind (ipykernel does the same). The watched process is {@code JPY_PARENT_PID}, which
 * jupyter_client sets, or else the parent seen at start; for the latter, being re-parented (to init or a
 * subreaper) also counts as the parent's death, which makes a recycled pid harmless.
 */
final class ParentWatch implements Runnable {
    static final long POLL_MILLIS = 200;
    /** Shutdown hooks get this long before the process is halted. */
    private static final long EXIT_GRACE_MILLIS = 2_000;

    private final long pid;
    private final Optional<ProcessHandle> watched;
    private final Optional<Instant> startedAt;
    private final boolean isOurParent;
    private final String description;

    private ParentWatch(long pid, boolean isOurParent, String description) {
        this.pid = pid;
        this.watched = ProcessHandle.of(pid);
        this.startedAt = watched.flatMap(p -> p.info().startInstant());
        this.isOurParent = isOurParent;
        this.description = description;
    }

    /** Starts watching on a daemon thread, unless there is no parent worth watching. */
    static void start() {
        fromEnvironment().ifPresent(watch -> {
            if (!watch.parentAlive()) {
                watch.exit("is already gone");
            }
            Thread thread = new Thread(watch, "reflow-parent-watch");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static Optional<ParentWatch> fromEnvironment() {
        String given = System.getenv("JPY_PARENT_PID");
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        if (given != null && !given.isBlank() && !windows) { // on Windows it is a handle, not a pid
            try {
                long pid = Long.parseLong(given.strip());
                return Optional.of(new ParentWatch(pid, false, "process " + pid + " (JPY_PARENT_PID)"));
            } catch (NumberFormatException e) {
                KernelLog.warn("ignoring JPY_PARENT_PID=" + given + ": not a process id");
            }
        }
        // Started by init (pid 1) means a service manager or container runs us on purpose: nothing to watch.
        return ProcessHandle.current().parent()
                .filter(parent -> parent.pid() > 1)
                .map(parent -> new ParentWatch(parent.pid(), true, "parent process " + parent.pid()));
    }

    @Override
    public void run() {
        while (parentAlive()) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
        exit("ended");
    }

    private boolean parentAlive() {
        if (watched.isEmpty() || !watched.get().isAlive()) {
            return false;
        }
        if (startedAt.isPresent() && !startedAt.equals(watched.get().info().startInstant())) {
            return false; // the pid now belongs to another process
        }
        return !isOurParent || ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == pid;
    }

    private void exit(String what) {
        KernelLog.warn(description + " " + what + "; the kernel exits (nobody can reach it any more)");
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(EXIT_GRACE_MILLIS);
            } catch (InterruptedException ignored) {
                // halt anyway
            }
            Runtime.getRuntime().halt(1);
        }, "reflow-parent-watch-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(1);
    }
}
