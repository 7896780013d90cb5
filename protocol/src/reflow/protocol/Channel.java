package reflow.protocol;

/** The five sockets of a Jupyter kernel, named as in the connection file ({@code <name>_port}). */
public enum Channel {
    SHELL("shell"), IOPUB("iopub"), STDIN("stdin"), CONTROL("control"), HEARTBEAT("hb");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the connection file and in log lines. */
    public String wireName() {
        return wireName;
    }
}
