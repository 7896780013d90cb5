package reflow.bench;

import java.util.ArrayList;
import java.util.List;

/** A printed table: one figure per row, ours beside the reference figure measured elsewhere (if any). */
final class FigureTable {
    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    FigureTable(String title) {
        this.title = title;
    }

    void row(String figure, String ours, String reference) {
        rows.add(new String[] {figure, ours, reference == null ? "" : reference});
    }

    void row(String figure, String ours) {
        row(figure, ours, "");
    }

    void print() {
        String[] header = {"figure", "this run", JJavaReference.LABEL};
        int[] widths = new int[3];
        for (String[] row : withHeader(header)) {
            for (int i = 0; i < 3; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        System.out.println();
        System.out.println("== " + title);
        for (String[] row : withHeader(header)) {
            System.out.printf("  %-" + widths[0] + "s | %-" + widths[1] + "s | %s%n", row[0], row[1], row[2]);
            if (row == header) {
                System.out.println("  " + "-".repeat(widths[0]) + "-+-" + "-".repeat(widths[1]) + "-+-"
                        + "-".repeat(widths[2]));
            }
        }
        System.out.flush();
    }

    private List<String[]> withHeader(String[] header) {
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
