package reflow.protocol;

/** Thrown when code reads standard input but the frontend sent {@code allow_stdin: false}. */
public class StdinNotAllowedException extends Exception {
    public StdinNotAllowedException() {
        super("this frontend does not accept input (allow_stdin is false): reading System.in is not possible here");
    }
}
