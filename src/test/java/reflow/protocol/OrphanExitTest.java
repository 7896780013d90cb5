package reflow.protocol;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/** A kernel whose parent dies exits by itself, with a log line, as ipykernel does. */
class OrphanExitTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void theKernelExitsWhenTheProcessThatStartedItIsKilled() throws Exception {
        try (KernelProcess kernel = KernelProcess.builder("reflow.testing.EchoKernel")
                .launcher("sh", "-c", "\"$@\" & wait", "sh").start();
             KernelClient client = kernel.connect()) {
            ProcessHandle kernelProcess = kernel.kernelHandle();
            assertEquals("ok", client.executeAndCollect("alive").status());
            long killed = System.nanoTime();
            kernel.process().destroyForcibly(); // SIGKILL: the shell cannot pass anything on to its child
            assertTrue(awaitEnd(kernelProcess), "orphaned kernel still running:\n" + kernel.stderr());
            System.out.printf("orphaned kernel exited %d ms after its parent was killed%n",
                    (System.nanoTime() - killed) / 1_000_000);
            assertTrue(kernel.stderr().contains("parent process " + kernel.process().pid() + " ended"),
                    kernel.stderr());
        }
    }

    @Test
    void theKernelExitsWhenJpyParentPidEndsEvenIfItsOwnParentLives() throws Exception {
        Process server = new ProcessBuilder("sleep", "600").start(); // stands in for jupyter_server
        try (KernelProcess kernel = KernelProcess.builder("reflow.testing.EchoKernel")
                .env("JPY_PARENT_PID", Long.toString(server.pid())).start();
             KernelClient client = kernel.connect()) {
            assertEquals("ok", client.executeAndCollect("alive").status());
            server.destroyForcibly();
            assertTrue(awaitEnd(kernel.kernelHandle()), "kernel outlived JPY_PARENT_PID:\n" + kernel.stderr());
            assertTrue(kernel.stderr().contains("process " + server.pid() + " (JPY_PARENT_PID) ended"),
                    kernel.stderr());
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void aLivingParentKeepsTheKernelRunning() throws Exception {
        Process server = new ProcessBuilder("sleep", "600").start();
        try (KernelProcess kernel = KernelProcess.builder("reflow.testing.EchoKernel")
                .env("JPY_PARENT_PID", Long.toString(server.pid())).start();
             KernelClient client = kernel.connect()) {
            // Several watch periods pass while these round trips run; the kernel must still answer.
            for (int i = 0; i < 5; i++) {
                assertEquals("ok", client.executeAndCollect("wait 300").status());
            }
            assertTrue(kernel.isAlive());
            assertFalse(kernel.stderr().contains("exits"), kernel.stderr());
        } finally {
            server.destroyForcibly();
        }
    }

    /**
     * Waits for a process that is not our child to end: its exit cannot be waited for, only observed. A
     * zombie counts as ended (it holds nothing any more); its new parent, often init, reaps it when it likes.
     */
    private static boolean awaitEnd(ProcessHandle process) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (process.isAlive() && !isZombie(process)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private static boolean isZombie(ProcessHandle process) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", process.pid() + "", "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z"); // the state follows "(command) "
        } catch (java.io.IOException gone) {
            return false; // no /proc, or already reaped: isAlive() answers
        }
    }
}
