package reflow.kernel.jshell;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A CellIO that records what a cell sent, in order, and answers input requests from a queue. */
class RecordingCellIO implements CellIO {
    final List<String> events = new ArrayList<>();
    final Deque<String> input = new ArrayDeque<>();
    int prompts;

    @Override
    public synchronized void write(String streamName, String text) {
        events.add(streamName + ":" + text);
    }

    @Override
    public synchronized String readLine(String prompt) throws IOException {
        prompts++;
        return input.poll();
    }

    @Override
    public synchronized void display(Object value) {
        events.add("display:" + value);
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        events.add("clear:" + wait);
    }

    synchronized String text(String streamName) {
        StringBuilder b = new StringBuilder();
        for (String e : events) {
            if (e.startsWith(streamName + ":")) {
                b.append(e.substring(streamName.length() + 1));
            }
        }
        return b.toString();
    }
}
