package reflow.kernel.output;

/**
 * Why a cell runs: the user's own request; a reactive re-run after {@code trigger} changed ({@code why}
 * says more when it is not simply a changed input, e.g. a redefinition reset its value); or (lazy mode)
 * because it was stale and {@code trigger} uses it.
 */
public record RunCause(Kind kind, CellRef trigger, String why) {
    public enum Kind { REQUESTED, RERUN, STALE_INPUT }

    public static RunCause requested() {
        return new RunCause(Kind.REQUESTED, null, null);
    }

    public static RunCause rerunAfter(CellRef trigger, String why) {
        return new RunCause(Kind.RERUN, trigger, why);
    }

    public static RunCause staleInputOf(CellRef user) {
        return new RunCause(Kind.STALE_INPUT, user, null);
    }

    public boolean byUser() {
        return kind == Kind.REQUESTED;
    }
}
