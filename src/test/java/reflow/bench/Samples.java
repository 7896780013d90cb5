package reflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Durations of repeated runs of one operation, in nanoseconds, summarised as median and p90 (nearest rank). */
final class Samples {
    private final List<Long> nanos = new ArrayList<>();

    void add(long durationNanos) {
        nanos.add(durationNanos);
    }

    int size() {
        return nanos.size();
    }

    double medianMs() {
        return percentileMs(0.5);
    }

    double p90Ms() {
        return percentileMs(0.9);
    }

    double percentileMs(double fraction) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(fraction * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1e6;
    }

    /** The samples in [from, to) in arrival order: the first and last quarter show whether runs slow down. */
    Samples slice(int from, int to) {
        Samples part = new Samples();
        nanos.subList(from, to).forEach(part::add);
        return part;
    }

    /** "12.3 ms (p90 15.0)". */
    String medianAndP90() {
        return ms(medianMs()) + " (p90 " + number(p90Ms()) + ")";
    }

    static String ms(double millis) {
        return number(millis) + " ms";
    }

    /** A ratio of two figures, to two decimals (0.08 is not 0.1). */
    static String ratio(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }

    static double nanosToMs(long nanos) {
        return nanos / 1e6;
    }
}
