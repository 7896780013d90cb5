package reflow.kernel.jshell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jshell.EvalException;

/**
 * Renders an exception that escaped a cell the way a user wants to read it: the exception line, then the
 * user's own frames as {@code at divide (cell line 2)}, JDK frames only where they explain something
 * (where the exception was thrown, or between two user frames), and no kernel, JShell or reflection
 * frames. {@code Caused by:} chains are kept.
 */
final class Traceback {
    /** JShell's translated frames name snippet N's source file "#N" and drop the wrapper class name. */
    private static final Pattern SNIPPET_FILE = Pattern.compile("#(.+)");
    private static final int MAX_LEADING_LIBRARY_FRAMES = 3;

    private final Map<String, SnippetOrigin> origins;
    private final long currentEvaluation;

    Traceback(Map<String, SnippetOrigin> origins, long currentEvaluation) {
        this.origins = origins;
        this.currentEvaluation = currentEvaluation;
    }

    static String className(Throwable t) {
        return t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
    }

    static String headline(Throwable t) {
        String message = t.getMessage();
        return message == null ? className(t) : className(t) + ": " + message;
    }

    /**
     * The traceback of {@code translated} (JShell's copy of the exception, whose snippet frames carry the
     * file name "#id" and snippet line numbers); headlines come from {@code real} when it is known, since
     * JShell turns a null message into the exception's toString().
     */
    List<String> lines(Throwable translated, Throwable real) {
        List<String> lines = new ArrayList<>();
        String prefix = "";
        Throwable r = real;
        for (Throwable t = translated; t != null; t = next(t)) {
            lines.add(prefix + headline(r != null ? r : t));
            List<String> frames = new ArrayList<>();
            for (StackTraceElement frame : shownFrames(t.getStackTrace())) {
                String line = "    at " + describe(frame);
                boolean wrapper = isUserFrame(frame) && frame.getMethodName().startsWith("do_it$");
                if (!(wrapper && !frames.isEmpty() && frames.get(frames.size() - 1).equals(line))) {
                    frames.add(line); // do_it$Aux and do_it$ are one line of the cell, shown once
                }
            }
            lines.addAll(collapseRepeats(frames));
            prefix = "Caused by: ";
            r = r == null ? null : next(r);
        }
        return lines;
    }

    /** How often a repeated frame (or block of frames, for mutual recursion) is shown before it is counted. */
    private static final int SHOWN_REPEATS = 3;
    private static final int MAX_PERIOD = 4;

    /**
     * A StackOverflowError has a thousand identical frames; they are shown {@value #SHOWN_REPEATS} times
     * and then counted: "... 1,018 more identical frames". Blocks of up to {@value #MAX_PERIOD} frames
     * that repeat (a calls b calls a) are counted the same way.
     */
    static List<String> collapseRepeats(List<String> frames) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < frames.size()) {
            int bestPeriod = 0;
            int bestRepeats = 1;
            for (int period = 1; period <= MAX_PERIOD && i + 2 * period <= frames.size(); period++) {
                int repeats = 1;
                while (i + (repeats + 1) * period <= frames.size()
                        && frames.subList(i, i + period).equals(frames.subList(i + repeats * period, i + (repeats + 1) * period))) {
                    repeats++;
                }
                if (repeats > SHOWN_REPEATS && repeats * period > bestRepeats * Math.max(bestPeriod, 1)) {
                    bestPeriod = period;
                    bestRepeats = repeats;
                }
            }
            if (bestPeriod == 0) {
                out.add(frames.get(i++));
                continue;
            }
            for (int r = 0; r < SHOWN_REPEATS; r++) {
                out.addAll(frames.subList(i, i + bestPeriod));
            }
            int hidden = (bestRepeats - SHOWN_REPEATS) * bestPeriod;
            out.add(String.format(java.util.Locale.ROOT, "    ... %,d more identical frame%s", hidden, hidden == 1 ? "" : "s")
                    + (bestPeriod > 1 ? " (the " + bestPeriod + " above, repeating)" : ""));
            i += bestRepeats * bestPeriod;
        }
        return out;
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }

    /** The first frame of the user's own code, described, or null when the stack has none. */
    String firstUserFrame(Throwable translated) {
        for (StackTraceElement frame : translated.getStackTrace()) {
            if (isUserFrame(frame)) {
                return describe(frame);
            }
        }
        return null;
    }

    private List<StackTraceElement> shownFrames(StackTraceElement[] stack) {
        int firstUser = -1;
        int lastUser = -1;
        for (int i = 0; i < stack.length; i++) {
            if (isUserFrame(stack[i])) {
                firstUser = firstUser < 0 ? i : firstUser;
                lastUser = i;
            }
        }
        List<StackTraceElement> shown = new ArrayList<>();
        if (firstUser < 0) {
            for (StackTraceElement frame : stack) {
                if (!isInternalFrame(frame) && shown.size() < 8) {
                    shown.add(frame);
                }
            }
            return shown;
        }
        List<StackTraceElement> leading = new ArrayList<>();
        for (int i = 0; i < firstUser; i++) {
            if (!isInternalFrame(stack[i])) {
                leading.add(stack[i]);
            }
        }
        // Keep the library frames closest to the user's call: that is where the user's argument went wrong.
        shown.addAll(leading.subList(Math.max(0, leading.size() - MAX_LEADING_LIBRARY_FRAMES), leading.size()));
        for (int i = firstUser; i <= lastUser; i++) {
            if (!isInternalFrame(stack[i])) {
                shown.add(stack[i]);
            }
        }
        return shown;
    }

    static boolean isUserFrame(StackTraceElement frame) {
        return frame.getFileName() != null && SNIPPET_FILE.matcher(frame.getFileName()).matches();
    }

    private static boolean isInternalFrame(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("reflow.kernel.") || c.startsWith("jdk.jshell.") || c.startsWith("jdk.internal.")
                || c.startsWith("java.lang.reflect.") || c.startsWith("java.lang.invoke.") || c.startsWith("sun.reflect.");
    }

    private String describe(StackTraceElement frame) {
        if (!isUserFrame(frame)) {
            return frame.toString();
        }
        String where = location(frame);
        String owner = frame.getClassName();
        String method = frame.getMethodName();
        if (method.isEmpty() && owner.isEmpty()) {
            return where;
        }
        if (method.startsWith("do_it$")) {
            return where; // JShell's wrapper method for a cell's statements and initialisers
        }
        if (method.startsWith("lambda$")) {
            method = "lambda";
        } else if (method.equals("<init>")) {
            return "new " + owner + " (" + where + ")";
        } else if (method.equals("<clinit>")) {
            method = "static initializer";
        }
        return (owner.isEmpty() ? method : owner + "." + method) + " (" + where + ")";
    }

    private String location(StackTraceElement frame) {
        String file = frame.getFileName();
        Matcher m = file == null ? null : SNIPPET_FILE.matcher(file);
        SnippetOrigin origin = m != null && m.matches() ? origins.get(m.group(1)) : null;
        if (origin == null || frame.getLineNumber() < 0) {
            return "cell";
        }
        int line = origin.cellLine(frame.getLineNumber());
        if (origin.evaluation() == currentEvaluation) {
            return origin.cellName() + " line " + line;
        }
        String name = origin.cellName().equals(JShellBridge.DEFAULT_CELL_NAME) ? "earlier cell" : origin.cellName();
        return name + " line " + line;
    }
}
