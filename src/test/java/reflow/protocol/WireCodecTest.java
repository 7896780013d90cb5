package reflow.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reflow.protocol.wire.MalformedMessageException;
import reflow.protocol.wire.Message;
import reflow.protocol.wire.MessageSigner;
import reflow.protocol.wire.Session;
import reflow.protocol.wire.WireCodec;

class WireCodecTest {
    private final MessageSigner signer = new MessageSigner("k");
    private final WireCodec codec = new WireCodec(signer);

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    /** Frames with a correct signature over the given JSON texts. */
    private List<byte[]> signed(List<byte[]> identities, String header, String parent, String metadata, String content) {
        List<byte[]> frames = new ArrayList<>(identities);
        frames.add(WireCodec.DELIMITER);
        frames.add(signer.sign(b(header), b(parent), b(metadata), b(content)));
        frames.addAll(List.of(b(header), b(parent), b(metadata), b(content)));
        return frames;
    }

    @Test
    void aGuardedCodecRefusesASignatureItHasSeenAndForgetsTheOldestBeyondItsCapacity() throws Exception {
        WireCodec guarded = new WireCodec(signer, new reflow.protocol.wire.ReplayGuard(2));
        List<List<byte[]>> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            messages.add(signed(List.of(), "{\"msg_id\":\"m" + i + "\",\"msg_type\":\"x\"}", "{}", "{}", "{}"));
        }
        guarded.decode(messages.get(0));
        MalformedMessageException replay = assertThrows(reflow.protocol.wire.ReplayedMessageException.class,
                () -> guarded.decode(messages.get(0)));
        assertTrue(replay.getMessage().contains("msg_id m0"), replay.getMessage());
        guarded.decode(messages.get(1));
        guarded.decode(messages.get(2)); // pushes m0 out of a history of 2
        guarded.decode(messages.get(0));
        assertThrows(reflow.protocol.wire.ReplayedMessageException.class, () -> guarded.decode(messages.get(2)));
        codec.decode(messages.get(0)); // an unguarded codec (a client) accepts repeats
    }

    @Test
    void decodesIdentitiesHeaderAndKeepsUnknownHeaderFields() throws Exception {
        String header = "{\"msg_id\":\"m1\",\"msg_type\":\"execute_request\",\"version\":\"5.2\",\"subshell_id\":null}";
        Message m = codec.decode(signed(List.of(b("peer-a"), b("peer-b")), header, "{}", "{}", "{\"code\":\"1\"}"));
        assertEquals("execute_request", m.msgType());
        assertEquals(2, m.identities().size());
        assertEquals("peer-b", new String(m.identities().get(1), UTF_8));
        assertTrue(m.header().has("subshell_id"), "unknown header fields survive for parent_header");
        assertEquals("1", m.field("code").asText());
    }

    @Test
    void encodeThenDecodeGivesTheSameMessage() throws Exception {
        Session session = new Session("kernel");
        Message sent = session.message(List.of(b("id")), "stream", session.header("execute_request"),
                Map.of("name", "stdout", "text", "hi"), null);
        Message received = codec.decode(codec.encode(sent));
        assertEquals(sent.header(), received.header());
        assertEquals(sent.parentHeader(), received.parentHeader());
        assertEquals(sent.content(), received.content());
    }

    private String reasonFor(List<byte[]> frames) {
        return assertThrows(MalformedMessageException.class, () -> codec.decode(frames)).getMessage();
    }

    @Test
    void rejectsMalformedMessagesWithASpecificReason() {
        String header = "{\"msg_id\":\"m1\",\"msg_type\":\"kernel_info_request\"}";
        assertTrue(reasonFor(List.of(b("a"), b("b"))).contains("no <IDS|MSG> delimiter"));
        assertTrue(reasonFor(List.of(WireCodec.DELIMITER, b("sig"))).contains("4 JSON frames"));
        assertTrue(reasonFor(signed(List.of(), "{not json", "{}", "{}", "{}")).contains("header is not valid JSON"));
        assertTrue(reasonFor(signed(List.of(), header, "{}", "{}", "[1,2]")).contains("content must be a JSON object"));
        assertTrue(reasonFor(signed(List.of(), "{\"msg_id\":\"m1\"}", "{}", "{}", "{}")).contains("no msg_type"));

        List<byte[]> forged = signed(List.of(), header, "{}", "{}", "{}");
        forged.set(1, b("0".repeat(64)));
        assertTrue(reasonFor(forged).contains("invalid signature"));
        forged.set(1, new byte[0]);
        assertTrue(reasonFor(forged).contains("missing signature"));
    }

    @Test
    void outgoingHeaderDateHasMicrosecondsAndZone() {
        String date = new Session("kernel").header("status").get("date").asText();
        assertTrue(date.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), date);
        assertEquals("2026-11-26T02:11:15.123456Z", Session.date(java.time.Instant.parse("2026-11-26T02:11:15.123456789Z")));
    }
}
