package reflow.protocol.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over the four JSON frames (header, parent_header, metadata, content) as lowercase hex.
 * An empty key means "no authentication": the signature is empty and nothing is checked.
 */
public final class MessageSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;
    /** Mac objects are not thread-safe and costly to look up; each thread keeps one, keyed once. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public MessageSigner(String key) {
        this.key = key == null || key.isEmpty()
                ? null
                : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public boolean enabled() {
        return key != null;
    }

    /** The signature frame for these exact bytes; empty when signing is disabled. */
    public byte[] sign(byte[] header, byte[] parentHeader, byte[] metadata, byte[] content) {
        if (key == null) {
            return new byte[0];
        }
        Mac mac = macs.get();
        mac.update(header);
        mac.update(parentHeader);
        mac.update(metadata);
        mac.update(content);
        return HexFormat.of().formatHex(mac.doFinal()).getBytes(StandardCharsets.US_ASCII);
    }

    /** Constant-time check so a forger cannot learn the signature byte by byte from timing. */
    public boolean verify(byte[] signature, byte[] header, byte[] parentHeader, byte[] metadata, byte[] content) {
        return key == null || MessageDigest.isEqual(signature, sign(header, parentHeader, metadata, content));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable in this JVM", e);
        }
    }
}
