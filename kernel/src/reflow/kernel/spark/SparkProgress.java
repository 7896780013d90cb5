package reflow.kernel.spark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import reflow.kernel.notebook.DisplayHandle;
import reflow.kernel.notebook.MimeValue;
import reflow.kernel.notebook.Notebook;

/**
 * The progress of one cell run's Spark jobs, as one line in the cell that is updated in place (a display
 * with an id): the running stages with a bar, tasks done and running; when the cell ends, a summary of its
 * jobs. Polls Spark's status tracker (the public API its console progress bar uses) a few times a second,
 * so nothing is shown for jobs shorter than that except the summary.
 */
final class SparkProgress {
    private static final long POLL_MILLIS = 250;
    private static final int BAR = 24;

    private final Object tracker;
    private final String group;
    private final long startedNanos = System.nanoTime();
    private volatile boolean finished;
    private Thread poller;
    private DisplayHandle line; // guarded by this

    SparkProgress(Object tracker, String group) {
        this.tracker = tracker;
        this.group = group;
    }

    void start() {
        poller = new Thread(this::poll, "reflow-spark-progress");
        poller.setDaemon(true);
        poller.start();
    }

    /** On the cell thread as the cell ends: the summary replaces the progress line. */
    void finish() {
        finished = true;
        poller.interrupt();
        try {
            poller.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            String summary = summary();
            if (summary != null) {
                show(summary);
            }
        } catch (RuntimeException e) {
            // the context stopped meanwhile: no summary
        }
    }

    private void poll() {
        while (!finished) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            try {
                String running = runningLine();
                if (running != null && !finished) {
                    show(running);
                }
            } catch (RuntimeException e) {
                return; // the context stopped
            }
        }
    }

    private synchronized void show(String text) {
        MimeValue value = new MimeValue("text/plain", text, text);
        if (line == null) {
            line = Notebook.display(value);
        } else {
            line.update(value);
        }
    }

    private List<Integer> jobs() {
        List<Integer> ids = new ArrayList<>();
        for (int id : (int[]) Reflect.call(tracker, "getJobIdsForGroup", group)) {
            ids.add(id);
        }
        ids.sort(null);
        return ids;
    }

    /** "Spark stage 3 [=====>      ] 45/200 tasks, 4 running · 2.1 s", or null when nothing runs. */
    private String runningLine() {
        Set<Integer> stages = new LinkedHashSet<>();
        for (int job : jobs()) {
            Object info = Reflect.option(Reflect.call(tracker, "getJobInfo", job));
            if (info != null && String.valueOf(Reflect.call(info, "status")).equals("RUNNING")) {
                for (int stage : (int[]) Reflect.call(info, "stageIds")) {
                    stages.add(stage);
                }
            }
        }
        Set<Integer> active = new LinkedHashSet<>();
        for (int stage : (int[]) Reflect.call(tracker, "getActiveStageIds")) {
            active.add(stage);
        }
        stages.retainAll(active);
        List<String> parts = new ArrayList<>();
        for (int stage : stages) {
            Object info = Reflect.option(Reflect.call(tracker, "getStageInfo", stage));
            if (info == null) continue;
            int total = (Integer) Reflect.call(info, "numTasks");
            int done = (Integer) Reflect.call(info, "numCompletedTasks");
            int running = (Integer) Reflect.call(info, "numActiveTasks");
            parts.add(String.format(Locale.ROOT, "Spark stage %d %s %d/%d tasks, %d running", stage,
                    bar(done, total), done, total, running));
        }
        return parts.isEmpty() ? null : String.join("  |  ", parts) + " \u00b7 " + elapsed();
    }

    static String bar(int done, int total) {
        int filled = total == 0 ? 0 : (int) ((long) done * BAR / total);
        return "[" + "=".repeat(filled) + (filled < BAR ? ">" + " ".repeat(BAR - filled - 1) : "") + "]";
    }

    /** "Spark: 2 jobs, 3 stages, 16 tasks in 1.2 s" (and failures), or null when the cell ran no job. */
    private String summary() {
        List<Integer> jobs = jobs();
        if (jobs.isEmpty()) {
            return null;
        }
        awaitJobEnds(jobs);
        int stages = 0;
        long tasks = 0;
        int failedJobs = 0;
        for (int job : jobs) {
            Object info = Reflect.option(Reflect.call(tracker, "getJobInfo", job));
            if (info == null) continue;
            if (!String.valueOf(Reflect.call(info, "status")).equals("SUCCEEDED")) failedJobs++;
            for (int stage : (int[]) Reflect.call(info, "stageIds")) {
                Object s = Reflect.option(Reflect.call(tracker, "getStageInfo", stage));
                if (s == null) continue; // skipped: its output was already there
                int completed = (Integer) Reflect.call(s, "numCompletedTasks");
                if (completed > 0) {
                    stages++;
                    tasks += completed;
                }
            }
        }
        String text = String.format(Locale.ROOT, "Spark: %d job%s, %d stage%s, %d task%s in %s", jobs.size(),
                jobs.size() == 1 ? "" : "s", stages, stages == 1 ? "" : "s", tasks, tasks == 1 ? "" : "s", elapsed());
        return failedJobs == 0 ? text : text + " (" + failedJobs + " did not finish)";
    }

    /**
     * The status tracker hears of a job's end from Spark's listener bus, asynchronously: on a busy machine
     * the cell's last job can still read RUNNING when the cell returns. Waits a little for it.
     */
    private void awaitJobEnds(List<Integer> jobs) {
        long deadline = System.nanoTime() + JOB_END_WAIT_NANOS;
        while (System.nanoTime() < deadline && jobs.stream().anyMatch(this::stillRunning)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static final long JOB_END_WAIT_NANOS = 2_000_000_000L;

    private boolean stillRunning(int job) {
        Object info = Reflect.option(Reflect.call(tracker, "getJobInfo", job));
        return info == null || String.valueOf(Reflect.call(info, "status")).equals("RUNNING");
    }

    private String elapsed() {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
