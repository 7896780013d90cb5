package reflow.kernel.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reflow.kernel.notebook.MimeValue;
import reflow.kernel.notebook.Notebook;
import reflow.kernel.notebook.NotebookRuntime;

/**
 * The progress line of a Spark Connect cell run, from progress reports shaped like Spark Connect's
 * ExecutePlanResponse.ExecutionProgress (read by method name, as the kernel reads the real ones).
 */
class ConnectProgressTest {
    /** What the cell shows: the first display, then each update of it. */
    private final List<String> shown = new ArrayList<>();

    @AfterEach
    void uninstall() {
        Notebook.install(NotebookRuntime.NONE);
    }

    @Test
    void unfinishedStagesShowAsOneLineThenASummaryReplacesIt() {
        Notebook.install(new NotebookRuntime() {
            @Override public void display(Object value) { }
            @Override public String display(Object value, String mimeType) {
                shown.add(((MimeValue) value).toString());
                return "line";
            }
            @Override public void updateDisplay(String id, Object value, String mimeType) {
                assertEquals("line", id);
                shown.add(((MimeValue) value).toString());
            }
            @Override public void clearOutput(boolean wait) { }
            @Override public <T> T zeroCopy(T value) { return value; }
            @Override public <T> T shallowCopy(T value) { return value; }
        });
        ConnectProgress progress = new ConnectProgress();
        progress.report(new Report(List.of(new Stage(3, 4, 1, false)), 2));
        progress.report(new Report(List.of(new Stage(3, 4, 4, true), new Stage(4, 2, 0, false)), 2));
        progress.report(new Report(List.of(new Stage(4, 2, 2, true)), 0)); // nothing unfinished: the line stays
        progress.finish();
        progress.report(new Report(List.of(new Stage(5, 1, 0, false)), 1)); // after the cell: ignored
        assertEquals(3, shown.size(), shown::toString);
        assertTrue(shown.get(0).startsWith("Spark stage 3 [======>                 ] 1/4 tasks, 2 running \u00b7 "), shown.get(0));
        assertTrue(shown.get(1).startsWith("Spark stage 4 [>                       ] 0/2 tasks, 2 running"), shown.get(1));
        assertTrue(shown.get(2).startsWith("Spark: 2 stages, 6 tasks in "), shown.get(2));
    }

    public record Report(List<Stage> getStagesList, long getNumInflightTasks) {}

    public record Stage(long getStageId, long getNumTasks, long getNumCompletedTasks, boolean getDone) {}
}
