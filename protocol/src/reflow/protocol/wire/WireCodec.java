package reflow.protocol.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import reflow.protocol.Json;

/**
 * Frames {@code [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]}
 * to {@link Message} and back. The signature is checked over the JSON frames exactly as received.
 */
public final class WireCodec {
    public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final int JSON_FRAMES = 4;

    private final MessageSigner signer;
    private final ReplayGuard replays;

    /** A codec that accepts a message however often it arrives (clients, tests). */
    public WireCodec(MessageSigner signer) {
        this(signer, null);
    }

    /** A codec that refuses a signed message whose signature {@code replays} has seen before (the kernel). */
    public WireCodec(MessageSigner signer, ReplayGuard replays) {
        this.signer = signer;
        this.replays = replays;
    }

    public Message decode(List<byte[]> frames) throws MalformedMessageException {
        int delimiter = indexOfDelimiter(frames);
        if (delimiter < 0) {
            throw new MalformedMessageException("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        }
        int first = delimiter + 2; // after delimiter and signature
        if (frames.size() < first + JSON_FRAMES) {
            throw new MalformedMessageException("expected signature and 4 JSON frames after <IDS|MSG>, got "
                    + (frames.size() - delimiter - 1) + " frames");
        }
        byte[] signature = frames.get(delimiter + 1);
        byte[] header = frames.get(first);
        byte[] parent = frames.get(first + 1);
        byte[] metadata = frames.get(first + 2);
        byte[] content = frames.get(first + 3);
        if (!signer.verify(signature, header, parent, metadata, content)) {
            throw new MalformedMessageException(signature.length == 0
                    ? "missing signature (this kernel requires HMAC-SHA256 signed messages)"
                    : "invalid signature (signed with a different key?)");
        }
        ObjectNode headerNode = object("header", header);
        if (!headerNode.path("msg_type").isTextual() || headerNode.path("msg_type").asText().isEmpty()) {
            throw new MalformedMessageException("header has no msg_type");
        }
        Message message = new Message(frames.subList(0, delimiter), headerNode, object("parent_header", parent),
                object("metadata", metadata), object("content", content),
                frames.subList(first + JSON_FRAMES, frames.size()));
        // Recorded only for authentic, well-formed messages: forged or broken ones cannot push real ones out.
        if (replays != null && !replays.firstTime(signature)) {
            throw new ReplayedMessageException(message.msgType() + " msg_id " + message.msgId()
                    + " has a signature seen before");
        }
        return message;
    }

    public List<byte[]> encode(Message message) {
        byte[] header = bytes(message.header());
        byte[] parent = bytes(message.parentHeader());
        byte[] metadata = bytes(message.metadata());
        byte[] content = bytes(message.content());
        List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(header, parent, metadata, content));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(message.buffers());
        return frames;
    }

    private static int indexOfDelimiter(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                return i;
            }
        }
        return -1;
    }

    private static ObjectNode object(String part, byte[] json) throws MalformedMessageException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new MalformedMessageException(part + " is not valid JSON: " + firstLine(e));
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new MalformedMessageException(part + " must be a JSON object, got "
                + (node == null || node.isMissingNode() ? "nothing" : node.getNodeType().toString().toLowerCase()));
    }

    private static String firstLine(IOException e) {
        String text = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return text == null ? e.getClass().getSimpleName() : text.lines().findFirst().orElse(text);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e); // trees always serialise
        }
    }
}
