package reflow.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reply content {status: error, ename, evalue, traceback} for a handler that threw. */
final class ErrorContent {
    private static final int MAX_FRAMES = 12;

    private ErrorContent() {}

    static Map<String, Object> of(Throwable failure) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("status", "error");
        content.put("ename", failure.getClass().getSimpleName());
        content.put("evalue", String.valueOf(failure.getMessage()));
        content.put("traceback", traceback(failure));
        return content;
    }

    private static List<String> traceback(Throwable failure) {
        List<String> lines = new ArrayList<>();
        lines.add(failure.toString());
        StackTraceElement[] frames = failure.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
            lines.add("    at " + frames[i]);
        }
        return lines;
    }
}
