package reflow.protocol.wire;

/** A multipart message that is not a valid, authentic Jupyter message; it is logged and dropped. */
public class MalformedMessageException extends Exception {
    public MalformedMessageException(String message) {
        super(message);
    }
}
