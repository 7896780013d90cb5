package reflow.bench;

/** Repetition counts, overridable with -Dbench.NAME=N (e.g. -Dbench.runs=50 for a quick look). */
final class BenchSettings {
    private BenchSettings() {}

    static int get(String name, int defaultValue) {
        return Integer.getInteger("bench." + name, defaultValue);
    }
}
