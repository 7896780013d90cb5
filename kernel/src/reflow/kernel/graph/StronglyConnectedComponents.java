package reflow.kernel.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Tarjan's algorithm, iterative so a long chain of cells cannot overflow the stack. Components come
 * out in reverse topological order (a component before the ones it depends on).
 */
final class StronglyConnectedComponents {
    private final Function<String, ? extends Iterable<String>> successors;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> lowLink = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final java.util.Set<String> onStack = new java.util.HashSet<>();
    private final List<List<String>> components = new ArrayList<>();
    private int nextIndex;

    private StronglyConnectedComponents(Function<String, ? extends Iterable<String>> successors) {
        this.successors = successors;
    }

    static List<List<String>> of(Iterable<String> nodes, Function<String, ? extends Iterable<String>> successors) {
        StronglyConnectedComponents scc = new StronglyConnectedComponents(successors);
        for (String node : nodes) {
            if (!scc.index.containsKey(node)) scc.explore(node);
        }
        return scc.components;
    }

    private record Frame(String node, Iterator<String> next) {}

    private void explore(String root) {
        Deque<Frame> frames = new ArrayDeque<>();
        enter(root, frames);
        while (!frames.isEmpty()) {
            Frame frame = frames.peek();
            if (frame.next().hasNext()) {
                String successor = frame.next().next();
                if (!index.containsKey(successor)) {
                    enter(successor, frames);
                } else if (onStack.contains(successor)) {
                    lowLink.merge(frame.node(), index.get(successor), Math::min);
                }
            } else {
                frames.pop();
                if (!frames.isEmpty()) {
                    lowLink.merge(frames.peek().node(), lowLink.get(frame.node()), Math::min);
                }
                if (lowLink.get(frame.node()).equals(index.get(frame.node()))) {
                    closeComponent(frame.node());
                }
            }
        }
    }

    private void enter(String node, Deque<Frame> frames) {
        index.put(node, nextIndex);
        lowLink.put(node, nextIndex);
        nextIndex++;
        stack.push(node);
        onStack.add(node);
        frames.push(new Frame(node, successors.apply(node).iterator()));
    }

    private void closeComponent(String root) {
        List<String> component = new ArrayList<>();
        String member;
        do {
            member = stack.pop();
            onStack.remove(member);
            component.add(member);
        } while (!member.equals(root));
        components.add(component);
    }
}
