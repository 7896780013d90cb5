package reflow.kernel.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reflow.kernel.notebook.DisplayHandle;
import reflow.kernel.notebook.MimeValue;
import reflow.kernel.notebook.Notebook;

/**
 * The progress of one cell run's Spark Connect executions, as the classic progress line shows it: the
 * server streams a progress report with each execution's responses (every couple of seconds, by its
 * {@code spark.connect.progress.reportInterval}), {@link GrpcResponseTap} hands them here, and one line in
 * the cell shows the unfinished stages; when the cell ends, a summary of the stages that ran.
 */
final class ConnectProgress {
    private final long startedNanos = System.nanoTime();
    /** Stage id to {tasks, completed tasks, done}, as last reported. */
    private final Map<Long, long[]> stages = new LinkedHashMap<>(); // guarded by this
    private DisplayHandle line; // guarded by this
    private boolean finished; // guarded by this

    /** An ExecutePlanResponse.ExecutionProgress (on a gRPC thread). */
    synchronized void report(Object progress) {
        if (finished) {
            return;
        }
        for (Object stage : (List<?>) Reflect.call(progress, "getStagesList")) {
            long id = (Long) Reflect.call(stage, "getStageId");
            long tasks = (Long) Reflect.call(stage, "getNumTasks");
            long completed = (Long) Reflect.call(stage, "getNumCompletedTasks");
            boolean done = (Boolean) Reflect.call(stage, "getDone");
            stages.put(id, new long[] {tasks, completed, done ? 1 : 0});
        }
        long inflight = (Long) Reflect.call(progress, "getNumInflightTasks");
        List<String> parts = new ArrayList<>();
        stages.forEach((id, s) -> {
            if (s[2] == 0) {
                parts.add(String.format(Locale.ROOT, "Spark stage %d %s %d/%d tasks", id,
                        SparkProgress.bar((int) s[1], (int) s[0]), s[1], s[0]));
            }
        });
        if (!parts.isEmpty()) {
            show(String.join("  |  ", parts) + ", " + inflight + " running \u00b7 " + elapsed());
        }
    }

    /** On the cell thread as the cell ends: "Spark: 2 stages, 16 tasks in 3.2 s", when any stage was reported. */
    synchronized void finish() {
        finished = true;
        if (stages.isEmpty()) {
            return;
        }
        long tasks = stages.values().stream().mapToLong(s -> s[1]).sum();
        show(String.format(Locale.ROOT, "Spark: %d stage%s, %d task%s in %s", stages.size(), stages.size() == 1 ? "" : "s",
                tasks, tasks == 1 ? "" : "s", elapsed()));
    }

    private void show(String text) {
        MimeValue value = new MimeValue("text/plain", text, text);
        if (line == null) {
            line = Notebook.display(value);
        } else {
            line.update(value);
        }
    }

    private String elapsed() {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }
}
