package reflow.kernel.jshell;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes written to one stream, decoded as UTF-8 (a character split across two writes is kept until its
 * last byte arrives) and held until a full line, a timeout or the end of the cell releases them.
 * Not thread-safe: {@link CellRouting} guards it.
 */
final class PendingText {
    final String streamName;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] undecoded = new byte[0];
    private final StringBuilder text = new StringBuilder();
    private long pendingSinceNanos;

    PendingText(String streamName) {
        this.streamName = streamName;
    }

    void append(byte[] bytes, int offset, int length) {
        ByteBuffer in = ByteBuffer.allocate(undecoded.length + length);
        in.put(undecoded).put(bytes, offset, length).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        undecoded = new byte[in.remaining()];
        in.get(undecoded);
        if (text.length() == 0) {
            pendingSinceNanos = System.nanoTime();
        }
        text.append(out.flip());
    }

    boolean isEmpty() {
        return text.length() == 0;
    }

    long pendingSinceNanos() {
        return pendingSinceNanos;
    }

    /** Removes and returns the text up to and including the last line end, or "" when there is none. */
    String takeCompleteLines() {
        int end = text.lastIndexOf("\n") + 1;
        String lines = text.substring(0, end);
        text.delete(0, end);
        pendingSinceNanos = System.nanoTime();
        return lines;
    }

    String takeAll() {
        String all = text.toString();
        text.setLength(0);
        return all;
    }
}
