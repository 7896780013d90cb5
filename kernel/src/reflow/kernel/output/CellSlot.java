package reflow.kernel.output;

import java.util.BitSet;

/**
 * The display ids that belong to one tracked cell: its result slot and its numbered display() outputs.
 * Ids are derived from the kernel session and the frontend's cell id, so they are stable across re-runs
 * and never collide between kernels.
 */
public final class CellSlot {
    private final String id;
    private final BitSet displays = new BitSet();
    private boolean published;

    public CellSlot(String kernelSession, String cellId) {
        this.id = "reflow-" + kernelSession + "-" + cellId;
    }

    public String id() {
        return id;
    }

    String displayId(int index) {
        return id + "-display-" + index;
    }

    synchronized boolean hasDisplay(int index) {
        return displays.get(index);
    }

    synchronized void recordDisplay(int index) {
        displays.set(index);
    }

    synchronized boolean published() {
        return published;
    }

    synchronized void markPublished() {
        published = true;
    }

    synchronized void forgetPublished() {
        published = false;
    }

    /** The cell is being run by the user again: its old outputs are gone from the frontend. */
    public synchronized void reset() {
        published = false;
        displays.clear();
    }
}
