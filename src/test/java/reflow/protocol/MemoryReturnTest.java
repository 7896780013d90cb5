package reflow.protocol;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * The JVM flags of kernelspec/kernel.json give memory back: after a cell filled a few hundred MB that are
 * garbage once it ends, the kernel's resident size (what top and the OS show) comes back near where it
 * was, within seconds, without another cell running.
 */
class MemoryReturnTest {
    private static final String FILL_400_MB = "{ byte[][] spike = new byte[400][]; for (int i = 0; i < spike.length; i++)"
            + " { spike[i] = new byte[1 << 20]; java.util.Arrays.fill(spike[i], (byte) 1); } }";
    /** Generous: the point is 400 MB coming back, not the exact footprint. */
    private static final double SLACK_MB = 150;
    private static final Duration GIVE_BACK_WITHIN = Duration.ofSeconds(30);

    @Test
    void rssComesBackAfterACellHeldHundredsOfMegabytes() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc to read the RSS");
        try (KernelProcess kernel = KernelProcess.builder("reflow.kernel.Main")
                .jvmArgs(kernelspecJvmFlags().toArray(String[]::new)).start();
             KernelClient client = kernel.connect(Duration.ofSeconds(60))) {
            long pid = kernel.process().pid();
            assertEquals("ok", client.executeAndCollect("int warm = 1;").status());
            double before = rssMb(pid);
            assertEquals("ok", client.collect(client.execute(FILL_400_MB), Duration.ofSeconds(120)).status());
            double peak = peakRssMb(pid);
            assertTrue(peak > before + 300, "the cell really held the memory: peak " + peak + " MB, before " + before);
            long ended = System.nanoTime();
            double rss = rssMb(pid);
            while (rss > before + SLACK_MB && System.nanoTime() - ended < GIVE_BACK_WITHIN.toNanos()) {
                Thread.sleep(100); // observing the OS: nothing to wait on but time
                rss = rssMb(pid);
            }
            System.out.printf("RSS before %.0f MB, peak %.0f MB, %.0f MB %.1f s after the cell%n", before, peak, rss,
                    (System.nanoTime() - ended) / 1e9);
            assertTrue(rss <= before + SLACK_MB, "RSS still " + rss + " MB " + GIVE_BACK_WITHIN.toSeconds()
                    + " s after the cell (before: " + before + " MB, peak " + peak + " MB)");
        }
    }

    /** The flags between "java" and "-jar" in the kernelspec template, as the installer writes them. */
    static List<String> kernelspecJvmFlags() throws Exception {
        JsonNode argv = Json.MAPPER.readTree(Path.of("kernelspec/kernel.json").toFile()).path("argv");
        List<String> flags = new ArrayList<>();
        for (int i = 1; i < argv.size() && !argv.get(i).asText().equals("-jar"); i++) {
            flags.add(argv.get(i).asText());
        }
        return flags;
    }

    private static double rssMb(long pid) throws Exception {
        return statusMb(pid, "VmRSS");
    }

    private static double peakRssMb(long pid) throws Exception {
        return statusMb(pid, "VmHWM");
    }

    private static double statusMb(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip()) / 1024.0;
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
    }
}
