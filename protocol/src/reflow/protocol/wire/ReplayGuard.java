package reflow.protocol.wire;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the signatures of recently accepted messages so that a captured message sent again is refused,
 * as jupyter_client's Session does with its digest history. Bounded: the oldest signatures are forgotten
 * first, so memory stays constant however long the kernel runs.
 */
public final class ReplayGuard {
    /** jupyter_client keeps 2^16 digests; a replay older than that many messages is not caught. */
    public static final int DEFAULT_CAPACITY = 1 << 16;

    /** The first 128 bits of a digest: a fraction of the memory of the hex text, and collisions stay impossible. */
    private record Digest(long high, long low) {
        static Digest of(byte[] hexSignature) {
            String hex = new String(hexSignature, StandardCharsets.US_ASCII);
            return new Digest(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16));
        }
    }

    private final Map<Digest, Boolean> seen;

    public ReplayGuard(int capacity) {
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Digest, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Records {@code signature}; returns false if it was seen before (a replay). Empty signatures (signing
     * off) are never recorded: without a key nothing is authenticated, so there is nothing to replay.
     * Call it only with signatures that verified, which are always 64 hex digits.
     */
    public synchronized boolean firstTime(byte[] signature) {
        if (signature.length == 0) {
            return true;
        }
        return seen.putIfAbsent(Digest.of(signature), Boolean.TRUE) == null;
    }
}
