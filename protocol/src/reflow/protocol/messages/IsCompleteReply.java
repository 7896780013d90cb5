package reflow.protocol.messages;

import com.fasterxml.jackson.annotation.JsonInclude;

/** status is complete, incomplete (with indent), invalid or unknown. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IsCompleteReply(String status, String indent) {
    public static IsCompleteReply complete() { return new IsCompleteReply("complete", null); }
    public static IsCompleteReply incomplete(String indent) { return new IsCompleteReply("incomplete", indent); }
    public static IsCompleteReply invalid() { return new IsCompleteReply("invalid", null); }
}
