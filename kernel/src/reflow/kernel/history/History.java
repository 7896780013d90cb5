package reflow.kernel.history;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import reflow.protocol.messages.HistoryRequest;

/**
 * The inputs (and text outputs) of this kernel's executions, answering history_request: tail, range and
 * search, as jupyter console and the history panel ask them. Session number 1 is this kernel process;
 * history is not persisted across restarts.
 */
public final class History {
    public static final int SESSION = 1;

    private record Entry(int line, String input, String output) {}

    /** Characters of a result's text kept per entry: history is for finding inputs again, not a store of values. */
    static final int MAX_OUTPUT_CHARS = 2000;

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void add(int line, String input, String output) {
        String kept = output == null ? "" : output.length() <= MAX_OUTPUT_CHARS ? output
                : output.substring(0, MAX_OUTPUT_CHARS) + "...";
        entries.add(new Entry(line, input, kept));
    }

    public synchronized List<List<Object>> answer(HistoryRequest request) {
        List<Entry> selected = switch (request.histAccessType() == null ? "tail" : request.histAccessType()) {
            case "range" -> range(request);
            case "search" -> search(request);
            default -> tail(entries, request.n());
        };
        List<List<Object>> out = new ArrayList<>();
        for (Entry e : selected) {
            Object content = request.output() ? List.of(e.input, e.output) : e.input;
            out.add(List.of(SESSION, e.line, content));
        }
        return out;
    }

    private List<Entry> range(HistoryRequest request) {
        // Sessions other than this one (and 0 = "current") have no entries here.
        if (request.session() != 0 && request.session() != SESSION && request.session() != -1) {
            return List.of();
        }
        int start = request.start();
        int stop = request.stop() <= 0 ? Integer.MAX_VALUE : request.stop();
        return entries.stream().filter(e -> e.line >= start && e.line < stop).toList();
    }

    private List<Entry> search(HistoryRequest request) {
        Pattern glob = globToRegex(request.pattern() == null ? "*" : request.pattern());
        List<Entry> matches = new ArrayList<>();
        Set<String> kept = new LinkedHashSet<>();
        // Walk backwards so that with unique=true the latest occurrence of an input is the one kept.
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (glob.matcher(e.input).matches() && (!request.unique() || kept.add(e.input))) {
                matches.add(0, e);
            }
        }
        return request.n() > 0 ? tail(matches, request.n()) : matches;
    }

    private static List<Entry> tail(List<Entry> list, int n) {
        return n <= 0 || n >= list.size() ? List.copyOf(list) : List.copyOf(list.subList(list.size() - n, list.size()));
    }

    /** IPython's history search uses shell-style globs: * and ? (the whole input must match). */
    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
