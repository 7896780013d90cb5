package reflow.kernel.jshell;

/**
 * Whether typed code is ready to run (Jupyter's is_complete): complete, incomplete (then {@code indent}
 * is what the next line should start with) or invalid (running it can only give an error).
 */
public record Completeness(Status status, String indent) {
    public enum Status { COMPLETE, INCOMPLETE, INVALID }

    public static Completeness complete() {
        return new Completeness(Status.COMPLETE, "");
    }

    public static Completeness incomplete(String indent) {
        return new Completeness(Status.INCOMPLETE, indent);
    }

    public static Completeness invalid() {
        return new Completeness(Status.INVALID, "");
    }
}
