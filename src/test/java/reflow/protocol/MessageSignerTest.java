package reflow.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import reflow.protocol.wire.MessageSigner;

class MessageSignerTest {
    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void signsTheConcatenationOfTheFourPartsAsLowercaseHex() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?", split over the four parts.
        MessageSigner signer = new MessageSigner("Jefe");
        byte[] signature = signer.sign(b("what do "), b("ya want "), b("for "), b("nothing?"));
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", new String(signature, UTF_8));
    }

    @Test
    void verifiesOnlyTheExactBytes() {
        MessageSigner signer = new MessageSigner("secret");
        byte[] good = signer.sign(b("{\"a\":1}"), b("{}"), b("{}"), b("{}"));
        assertTrue(signer.verify(good, b("{\"a\":1}"), b("{}"), b("{}"), b("{}")));
        assertFalse(signer.verify(good, b("{\"a\": 1}"), b("{}"), b("{}"), b("{}")), "one extra space");
        assertFalse(signer.verify(new byte[0], b("{\"a\":1}"), b("{}"), b("{}"), b("{}")), "missing signature");
        assertFalse(signer.verify(new String(good, UTF_8).toUpperCase().getBytes(UTF_8),
                b("{\"a\":1}"), b("{}"), b("{}"), b("{}")), "the wire format is lowercase hex");
    }

    @Test
    void emptyKeyMeansNoSignatureAndNoCheck() {
        MessageSigner signer = new MessageSigner("");
        assertFalse(signer.enabled());
        assertEquals(0, signer.sign(b("{}"), b("{}"), b("{}"), b("{}")).length);
        assertTrue(signer.verify(b("anything"), b("{}"), b("{}"), b("{}"), b("{}")));
    }
}
