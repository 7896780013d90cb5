package reflow.kernel.copy;

import java.util.List;

/**
 * A cell's private copy of one variable, with the warnings to show the user (empty when everything was
 * copied or intentionally shared).
 */
public record CopyResult(Object copy, List<String> warnings) {
    public CopyResult {
        warnings = List.copyOf(warnings);
    }
}
