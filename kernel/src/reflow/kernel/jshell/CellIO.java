package reflow.kernel.jshell;

import java.io.IOException;

/**
 * Where a running cell's side channels go. The bridge routes System.out/err, System.in and the notebook
 * functions (display, clearOutput) of the evaluating cell here; the kernel turns them into messages.
 * Calls may come from any thread the cell started.
 */
public interface CellIO {
    /** Text printed on stdout ({@code "stdout"}) or stderr ({@code "stderr"}); already decoded, in order. */
    void write(String streamName, String text);

    /** One line read from System.in (without the newline), or null at end of input. */
    String readLine(String prompt) throws IOException;

    /** {@code display(value)} from a cell. */
    void display(Object value);

    /**
     * {@code display(value)} or {@code display(value, mimeType)} (mimeType null: every type the value offers);
     * returns the display id a later {@link #updateDisplay} can replace, or null when there is none.
     */
    default String display(Object value, String mimeType) {
        display(value);
        return null;
    }

    /** Replaces what display id {@code displayId} shows, wherever it is shown. */
    default void updateDisplay(String displayId, Object value, String mimeType) {
    }

    /** {@code clearOutput()} from a cell. */
    void clearOutput(boolean wait);

    /** Discards everything; used for silent evaluations. */
    CellIO DISCARD = new CellIO() {
        @Override public void write(String streamName, String text) {}
        @Override public String readLine(String prompt) { return null; }
        @Override public void display(Object value) {}
        @Override public void clearOutput(boolean wait) {}
    };
}
