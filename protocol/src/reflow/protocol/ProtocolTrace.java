package reflow.protocol;

import java.util.Locale;

/**
 * Where a shell request's time goes inside the kernel, for profiling the protocol path: with the
 * environment variable {@code REFLOW_TRACE_PROTOCOL} set, each request logs one line of stage durations
 * (read by {@code ProtocolBenchmark}). Off by default; then no trace objects exist.
 */
final class ProtocolTrace {
    static final boolean ENABLED = System.getenv("REFLOW_TRACE_PROTOCOL") != null;

    /** Stages in order; each timestamp is taken when that stage is done. */
    enum Stage { RECEIVED, DECODED, BUSY_SENT, ENQUEUED, TAKEN, PARSED, HANDLED, END_QUEUED, END_FORWARDED }

    private static final String[] LABELS = {"decode", "busy", "hand-off", "to worker", "parse", "handler+reply",
            "idle", "to protocol thread"};

    private final String msgType;
    private final long[] nanos = new long[Stage.values().length];

    private ProtocolTrace(String msgType, long receivedNanos) {
        this.msgType = msgType;
        nanos[0] = receivedNanos;
    }

    /** A trace when tracing is on, else null; {@code receivedNanos} is when the frames had been read. */
    static ProtocolTrace start(String msgType, long receivedNanos) {
        return ENABLED ? new ProtocolTrace(msgType, receivedNanos) : null;
    }

    static void mark(ProtocolTrace trace, Stage stage) {
        if (trace != null) {
            trace.nanos[stage.ordinal()] = System.nanoTime();
        }
    }

    /** Logs the stage durations once the request's idle has been handed to iopub. */
    void finish() {
        nanos[Stage.END_FORWARDED.ordinal()] = System.nanoTime();
        StringBuilder line = new StringBuilder("trace ").append(msgType).append(":");
        long previous = nanos[0];
        for (int i = 1; i < nanos.length; i++) {
            long at = nanos[i] == 0 ? previous : nanos[i]; // a stage skipped (busy sent by the worker) takes 0
            line.append(String.format(Locale.ROOT, " %s %.3f ms,", LABELS[i - 1], (at - previous) / 1e6));
            previous = at;
        }
        line.append(String.format(Locale.ROOT, " total %.3f ms", (previous - nanos[0]) / 1e6));
        KernelLog.info(line.toString());
    }
}
