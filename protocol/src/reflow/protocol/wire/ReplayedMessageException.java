package reflow.protocol.wire;

/** An authentic message that was already received once: someone is replaying captured traffic. */
public final class ReplayedMessageException extends MalformedMessageException {
    public ReplayedMessageException(String message) {
        super(message);
    }
}
