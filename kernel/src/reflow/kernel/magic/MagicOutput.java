package reflow.kernel.magic;

import java.util.Map;

/** Where a magic shows things while it runs (progress lines updated in place). */
public interface MagicOutput {
    /** Shows a bundle; a non-null displayId lets {@link #update} replace it later. */
    void display(Map<String, Object> bundle, String displayId);

    void update(Map<String, Object> bundle, String displayId);

    MagicOutput NONE = new MagicOutput() {
        @Override public void display(Map<String, Object> bundle, String displayId) { }
        @Override public void update(Map<String, Object> bundle, String displayId) { }
    };
}
