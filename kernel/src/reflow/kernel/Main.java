package reflow.kernel;

/** Entry point: {@code java -jar reflow.jar CONNECTION_FILE} runs the kernel; {@code install ...} installs it. */
public final class Main {
    public static void main(String[] args) throws Exception {
        throw new UnsupportedOperationException("not wired yet");
    }
}
