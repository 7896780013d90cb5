package reflow.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import reflow.protocol.wire.Message;
import reflow.protocol.wire.MessageSigner;
import reflow.protocol.wire.Session;
import reflow.protocol.wire.WireCodec;
import reflow.testing.KernelClient;
import reflow.testing.KernelProcess;

/**
 * Where the milliseconds of a small execute go on the protocol path. The same client times send -> busy,
 * send -> reply and send -> idle (arrival on the client's sockets) against three kernels in the same run:
 * a single-threaded floor (decode, busy, reply, idle on one thread), EchoKernel (the real protocol layer
 * with a handler that does nothing), and Reflow itself; then the in-process cost of the pieces (signing,
 * JSON, a thread hand-off). Prints, asserts nothing. Run: {@code ./bench.sh protocol}.
 */
public final class ProtocolBenchmark {
    private static final int WARMUPS = BenchSettings.get("warmups", 50);
    private static final int RUNS = BenchSettings.get("runs", 300);
    private static final String CODE = "int a = 1;";

    public static void main(String[] args) throws Exception {
        System.out.println("ProtocolBenchmark: " + WARMUPS + " warm-ups, " + RUNS + " timed `" + CODE + "` per kernel; "
                + InstalledKernel.loadAverage());
        System.out.printf("%-44s %14s %14s %14s%n", "kernel (median, p90 in brackets)", "send->busy", "send->reply",
                "send->idle");
        try (KernelProcess floor = KernelProcess.start(SingleThreadFloorKernel.class.getName())) {
            measure("single-thread floor (codec, no threads)", floor);
        }
        try (KernelProcess echo = KernelProcess.start("reflow.testing.EchoKernel")) {
            measure("EchoKernel (protocol layer, no-op handler)", echo);
        }
        Samples reflowReply;
        try (KernelProcess reflow = InstalledKernel.start()) {
            reflowReply = measure("Reflow (installed kernelspec)", reflow);
        }
        Samples ipykernelReply = null;
        if (IpyKernel.available()) {
            try (IpyKernel ipykernel = IpyKernel.start();
                 KernelClient client = KernelClient.connect(ipykernel.connectionInfo())) {
                client.awaitReady(Duration.ofSeconds(60));
                ipykernelReply = measure("ipykernel (`a = 1`, same client)", client, "a = 1", null);
            }
        } else {
            System.out.println("ipykernel: not available (/usr/bin/python3 -m ipykernel_launcher)");
        }
        try (BareJShell bare = BareJShell.start()) {
            Samples eval = new Samples();
            for (int i = 0; i < WARMUPS + RUNS; i++) {
                long nanos = bare.evalCell(CODE);
                if (i >= WARMUPS) {
                    eval.add(nanos);
                }
            }
            System.out.printf("%-44s %14s %14s %14s%n", "bare JShell eval, this JVM (no protocol)", "", fmt(eval), "");
            if (ipykernelReply != null) {
                double budget = eval.medianMs() + ipykernelReply.medianMs();
                System.out.printf(Locale.ROOT, "target: Reflow's round trip <= bare JShell eval + ipykernel's round trip:"
                        + " %.1f ms vs %.1f + %.1f = %.1f ms (%s)%n", reflowReply.medianMs(), eval.medianMs(),
                        ipykernelReply.medianMs(), budget, reflowReply.medianMs() <= budget ? "met" : "not met");
            }
        }
        pieces();
        System.out.println("finished; " + InstalledKernel.loadAverage());
        System.exit(0);
    }

    private static Samples measure(String name, KernelProcess kernel) throws Exception {
        try (KernelClient client = kernel.connect(Duration.ofSeconds(60))) {
            return measure(name, client, CODE, kernel);
        }
    }

    /** Times send -> busy, reply and idle; returns the send -> reply samples. */
    private static Samples measure(String name, KernelClient client, String code, KernelProcess kernel) {
        Samples busy = new Samples();
        Samples reply = new Samples();
        Samples idle = new Samples();
        for (int i = 0; i < WARMUPS + RUNS; i++) {
            long start = System.nanoTime();
            KernelClient.Execution run = client.collect(client.execute(code), Duration.ofSeconds(60));
            if (i >= WARMUPS && run.arrived("busy") != null && run.arrived("reply") != null) {
                busy.add(run.arrived("busy") - start);
                reply.add(run.arrived("reply") - start);
                idle.add(run.arrived("idle") - start);
            }
        }
        System.out.printf("%-44s %14s %14s %14s%n", name, fmt(busy), fmt(reply), fmt(idle));
        if (kernel != null) {
            printTrace(kernel.stderr());
        }
        return reply;
    }

    /**
     * With REFLOW_TRACE_PROTOCOL set (in this JVM's environment, inherited by the kernels), the kernel logs
     * each request's stages (ProtocolTrace): their medians over the timed runs.
     */
    private static void printTrace(String stderr) {
        List<String> lines = stderr.lines().filter(l -> l.contains("trace execute_request:")).toList();
        if (lines.size() < RUNS) {
            return;
        }
        lines = lines.subList(lines.size() - RUNS, lines.size());
        java.util.Map<String, Samples> stages = new java.util.LinkedHashMap<>();
        for (String line : lines) {
            String marker = "trace execute_request:";
            for (String part : line.substring(line.indexOf(marker) + marker.length()).split(",")) {
                String[] words = part.strip().split(" ");
                if (words.length >= 3) {
                    String label = String.join(" ", java.util.Arrays.copyOf(words, words.length - 2));
                    long nanos = (long) (Double.parseDouble(words[words.length - 2]) * 1e6);
                    stages.computeIfAbsent(label, k -> new Samples()).add(nanos);
                }
            }
        }
        StringBuilder out = new StringBuilder("    in the kernel (median ms):");
        stages.forEach((label, samples) -> out.append(String.format(Locale.ROOT, " %s %.3f;", label,
                samples.medianMs())));
        System.out.println(out);
    }

    /** The pieces every message pays for, timed in this JVM. */
    private static void pieces() throws Exception {
        MessageSigner signer = new MessageSigner("bench-key-0123456789");
        WireCodec codec = new WireCodec(signer);
        Session session = new Session("bench");
        Message request = session.message(List.of("peer".getBytes()), "execute_request", null,
                KernelClient.executeContent(CODE), Map.of("cellId", "abc"));
        List<byte[]> frames = codec.encode(request);
        Samples encode = new Samples();
        Samples decode = new Samples();
        Samples sign = new Samples();
        for (int i = 0; i < 20_000; i++) {
            long t0 = System.nanoTime();
            codec.encode(session.message(List.of(), "status", request.header(), Map.of("execution_state", "busy"), null));
            long t1 = System.nanoTime();
            codec.decode(frames);
            long t2 = System.nanoTime();
            signer.sign(frames.get(3), frames.get(4), frames.get(5), frames.get(6));
            long t3 = System.nanoTime();
            if (i >= 10_000) {
                encode.add(t1 - t0);
                decode.add(t2 - t1);
                sign.add(t3 - t2);
            }
        }
        System.out.println();
        System.out.println("pieces, in process (median, p90):");
        System.out.println("  build + encode + sign a status message  " + fmtMicros(encode));
        System.out.println("  verify + decode an execute_request      " + fmtMicros(decode));
        System.out.println("  of which HMAC-SHA256 of its 4 frames    " + fmtMicros(sign));
        System.out.println("  one thread hand-off (blocked taker wakes) " + fmtMicros(handOff()));
    }

    /** Half a ping-pong between two threads through SynchronousQueues: what each queue hop costs at least. */
    private static Samples handOff() throws Exception {
        SynchronousQueue<Long> ping = new SynchronousQueue<>();
        SynchronousQueue<Long> pong = new SynchronousQueue<>();
        Thread echo = new Thread(() -> {
            try {
                while (true) {
                    pong.put(ping.take());
                }
            } catch (InterruptedException e) {
                // done
            }
        });
        echo.setDaemon(true);
        echo.start();
        Samples samples = new Samples();
        for (int i = 0; i < 20_000; i++) {
            long t0 = System.nanoTime();
            ping.put(t0);
            pong.take();
            if (i >= 5_000) {
                samples.add((System.nanoTime() - t0) / 2);
            }
        }
        echo.interrupt();
        return samples;
    }

    private static String fmt(Samples s) {
        return String.format(Locale.ROOT, "%.2f (%.2f) ms", s.medianMs(), s.p90Ms());
    }

    private static String fmtMicros(Samples s) {
        return String.format(Locale.ROOT, "%.1f (%.1f) us", s.medianMs() * 1000, s.p90Ms() * 1000);
    }
}
