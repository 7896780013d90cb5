package reflow.kernel.widgets;

/** The checks every numeric widget makes on its range, with messages that say what to change. */
final class Bounds {
    private Bounds() {}

    static void check(double min, double max, double value, double step) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("min " + fmt(min) + " is greater than max " + fmt(max));
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("value " + fmt(value) + " is outside the range " + fmt(min) + ".." + fmt(max));
        }
        if (!(step > 0)) {
            throw new IllegalArgumentException("step must be positive, was " + fmt(step));
        }
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
