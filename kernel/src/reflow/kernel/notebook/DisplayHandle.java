package reflow.kernel.notebook;

/**
 * What {@link Notebook#display(Object)} returns: the display's id, and {@link #update} to replace what it
 * shows, in place, also from a later cell or another thread (JupyterLab, VS Code and nbclient replace every
 * output showing this id).
 */
public final class DisplayHandle {
    private final String id;

    DisplayHandle(String id) {
        this.id = id;
    }

    /** The display id ({@code transient.display_id} in the protocol). */
    public String id() {
        return id;
    }

    /** Shows {@code value} in place of what this display shows now. */
    public DisplayHandle update(Object value) {
        Notebook.updateDisplay(id, value);
        return this;
    }

    /** Shows {@code value} as {@code mimeType} in place of what this display shows now. */
    public DisplayHandle update(Object value, String mimeType) {
        Notebook.updateDisplay(id, value, mimeType);
        return this;
    }

    @Override
    public String toString() {
        return "display " + id;
    }
}
