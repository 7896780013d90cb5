package reflow.protocol;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * Thousands of random and malformed messages on shell and control ({@link FuzzFrames}): the kernel never
 * crashes, answers every request it accepts, logs exactly one line per message it drops (no stack
 * traces), and still serves a good request afterwards. The seed is printed; rerun a failure with
 * {@code -Dreflow.fuzz.seed=N} (and {@code -Dreflow.fuzz.cases=N}).
 */
class ProtocolFuzzTest {
    private static final long SEED = Long.getLong("reflow.fuzz.seed", 20261201L);
    private static final int CASES = Integer.getInteger("reflow.fuzz.cases", 3000);
    private static final int BATCH = 100;
    private static final int HUGE_CASES = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void randomAndMalformedFramesNeverBreakTheKernel() throws Exception {
        System.out.println("protocol fuzz: seed " + SEED + ", " + CASES + " cases"
                + " (rerun with -Dreflow.fuzz.seed=" + SEED + ")");
        FuzzFrames fuzz;
        try (KernelProcess kernel = KernelProcess.builder("reflow.testing.EchoKernel").jvmArgs("-Xmx512m").start();
             KernelClient client = kernel.connect()) {
            fuzz = new FuzzFrames(SEED, kernel.connectionInfo().key());
            Map<String, Integer> kinds = new TreeMap<>();
            int dropped = 0;
            int huge = 0;
            for (int sent = 0; sent < CASES; ) {
                Map<Channel, List<String>> awaited = new EnumMap<>(Channel.class);
                for (int i = 0; i < BATCH && sent < CASES; i++, sent++) {
                    FuzzFrames.Case c = fuzz.next(huge < HUGE_CASES && sent % (CASES / HUGE_CASES) == 0);
                    huge += c.kind().startsWith("huge") ? 1 : 0;
                    kinds.merge(c.kind(), 1, Integer::sum);
                    client.sendRaw(c.channel(), c.frames());
                    if (c.expect() == FuzzFrames.Expect.DROPPED) {
                        dropped++;
                    } else if (c.expect() == FuzzFrames.Expect.REPLIED) {
                        awaited.computeIfAbsent(c.channel(), k -> new ArrayList<>()).add(c.msgId());
                    }
                }
                // A good request on each channel last: each channel is read in order, so its reply means
                // everything sent before it on that channel has been handled.
                for (Channel channel : List.of(Channel.SHELL, Channel.CONTROL)) {
                    awaited.computeIfAbsent(channel, k -> new ArrayList<>())
                            .add(client.send(channel, "kernel_info_request", Map.of()));
                }
                for (Map.Entry<Channel, List<String>> entry : awaited.entrySet()) {
                    client.awaitReplies(entry.getKey(), entry.getValue(), TIMEOUT);
                }
                assertTrue(kernel.isAlive(), "kernel died after " + sent + " cases:\n" + tail(kernel.stderr()));
            }
            System.out.println("protocol fuzz: " + kinds + "; " + dropped + " to be dropped");

            assertEquals("ok", client.executeAndCollect("still answering").status());
            String stderr = kernel.stderr();
            assertFalse(stderr.contains("\tat "), "a stack trace in the kernel log:\n" + tail(stderr));
            long dropLines = stderr.lines().filter(l -> l.contains(": dropped ")).count();
            assertEquals(dropped, dropLines, "one log line per dropped message");
            assertEquals(0, stderr.lines().filter(l -> l.contains("dropped replayed")).count());
        }
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
