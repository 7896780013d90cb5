package reflow.kernel.widgets;

/** The value of a range slider: both ends included, {@code low <= high}. */
public record Range(int low, int high) {
    public Range {
        if (low > high) {
            throw new IllegalArgumentException("range low " + low + " is greater than high " + high);
        }
    }

    public boolean contains(int x) {
        return x >= low && x <= high;
    }

    @Override
    public String toString() {
        return low + ".." + high;
    }
}
