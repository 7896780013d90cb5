package reflow.kernel;

import java.util.Collection;
import java.util.List;

/** Completion of magic names after a leading {@code %} on the cursor's line. */
record MagicCompletion(List<String> matches, int start) {
    static MagicCompletion of(String code, int cursor, Collection<String> names) {
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String typed = code.substring(lineStart, cursor);
        if (!typed.matches("\\s*%\\w*")) {
            return null;
        }
        String prefix = typed.strip().substring(1);
        List<String> matches = names.stream().filter(n -> n.startsWith(prefix)).map(n -> "%" + n).sorted().toList();
        return new MagicCompletion(matches, lineStart + typed.indexOf('%'));
    }
}
