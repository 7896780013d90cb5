package reflow.kernel.reactive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code %graph}: the dependency graph as an SVG picture. Cells are boxes labelled by their label, laid
 * out in layers by their longest path from a root (so every edge points down); edges carry the names
 * that flow along them. A text/plain list of edges is the fallback.
 */
final class GraphPicture {
    private static final int BOX_W = 260, BOX_H = 28, GAP_X = 40, GAP_Y = 70, MARGIN = 20;

    private GraphPicture() {}

    static Map<String, Object> render(ReactiveEngine engine) {
        List<TrackedCell> cells = new ArrayList<>(engine.cells().values());
        Map<String, Integer> layer = layers(engine, cells);
        Map<Integer, Integer> perLayer = new HashMap<>();
        Map<String, int[]> pos = new LinkedHashMap<>();
        int maxLayer = 0, maxWidth = 1;
        for (TrackedCell c : cells) {
            int l = layer.get(c.id);
            int i = perLayer.merge(l, 1, Integer::sum) - 1;
            pos.put(c.id, new int[] {MARGIN + i * (BOX_W + GAP_X), MARGIN + l * (BOX_H + GAP_Y)});
            maxLayer = Math.max(maxLayer, l);
            maxWidth = Math.max(maxWidth, i + 1);
        }
        int width = 2 * MARGIN + maxWidth * (BOX_W + GAP_X) - GAP_X;
        int height = 2 * MARGIN + (maxLayer + 1) * (BOX_H + GAP_Y) - GAP_Y;
        StringBuilder svg = new StringBuilder();
        StringBuilder plain = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" font-family=\"monospace\" font-size=\"12\">")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\"")
                .append(" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
        for (TrackedCell c : cells) {
            for (Map.Entry<String, Set<String>> e : engine.graph().children(c.id).entrySet()) {
                int[] a = pos.get(c.id), b = pos.get(e.getKey());
                if (b == null) continue;
                String names = String.join(", ", e.getValue());
                int x1 = a[0] + BOX_W / 2, y1 = a[1] + BOX_H, x2 = b[0] + BOX_W / 2, y2 = b[1];
                svg.append("<line x1=\"").append(x1).append("\" y1=\"").append(y1).append("\" x2=\"").append(x2)
                        .append("\" y2=\"").append(y2).append("\" stroke=\"#555\" marker-end=\"url(#arrow)\"/>")
                        .append("<text x=\"").append((x1 + x2) / 2 + 4).append("\" y=\"").append((y1 + y2) / 2)
                        .append("\" fill=\"#1a5fb4\">").append(DepsTable.escape(names)).append("</text>");
                plain.append(c.label()).append("  --").append(names).append("-->  ")
                        .append(engine.cells().get(e.getKey()).label()).append('\n');
            }
        }
        for (TrackedCell c : cells) {
            int[] p = pos.get(c.id);
            String fill = c.stale ? "#fff3cd" : "#eef4ff";
            svg.append("<rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"").append(BOX_W)
                    .append("\" height=\"").append(BOX_H).append("\" rx=\"6\" fill=\"").append(fill)
                    .append("\" stroke=\"#1a5fb4\"/><text x=\"").append(p[0] + 8).append("\" y=\"").append(p[1] + 18)
                    .append("\">").append(DepsTable.escape(shorten(c.label()))).append("</text>");
        }
        svg.append("</svg>");
        if (plain.length() == 0) {
            plain.append(cells.isEmpty() ? "No tracked cells yet." : "No dependencies between the "
                    + cells.size() + " tracked cells.");
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", plain.toString().stripTrailing());
        bundle.put("image/svg+xml", svg.toString());
        return bundle;
    }

    /** Longest distance from a root; cells in cycles are placed by the order they are reached. */
    private static Map<String, Integer> layers(ReactiveEngine engine, List<TrackedCell> cells) {
        Map<String, Integer> layer = new HashMap<>();
        List<String> ids = cells.stream().map(c -> c.id).toList();
        List<String> order = new ArrayList<>(engine.graph().topologicalOrder(ids));
        for (String id : ids) if (!order.contains(id)) order.add(id);
        for (String id : order) {
            int l = 0;
            for (String parent : engine.graph().parents(id).keySet()) {
                Integer pl = layer.get(parent);
                if (pl != null) l = Math.max(l, pl + 1);
            }
            layer.put(id, l);
        }
        return layer;
    }

    private static String shorten(String s) {
        return s.length() > 34 ? s.substring(0, 33) + "…" : s;
    }
}
