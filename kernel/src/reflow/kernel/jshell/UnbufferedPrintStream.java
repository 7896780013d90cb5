package reflow.kernel.jshell;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * System.out / System.err for cells: every print turns its text into UTF-8 bytes and hands them to the
 * routing in one write, with no characters or bytes kept between calls.
 *
 * <p>Why not a plain PrintStream: it keeps text in an internal writer and encoder until a print ends. A
 * cell stopped with Thread.stop in the middle of a print leaves its text there, and the next cell's first
 * print pushes it out as that cell's output. Here a stopped print loses at most its own text; the next
 * cell starts clean. A line printed with println also arrives as one write, so two threads' lines never
 * interleave mid-line.
 */
final class UnbufferedPrintStream extends PrintStream {
    private static final String LINE_END = System.lineSeparator();
    private final OutputStream sink;
    private char highSurrogate; // guarded by this: the first half of a pair printed char by char

    UnbufferedPrintStream(OutputStream sink) {
        super(sink, true, StandardCharsets.UTF_8);
        this.sink = sink;
    }

    private synchronized void emit(String text) {
        if (highSurrogate != 0) {
            text = highSurrogate + text;
            highSurrogate = 0;
        }
        if (!text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            highSurrogate = text.charAt(text.length() - 1);
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            sink.write(bytes, 0, bytes.length);
        } catch (java.io.IOException e) {
            setError();
        }
    }

    @Override public void write(int b) { write(new byte[] {(byte) b}, 0, 1); }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        try {
            sink.write(bytes, offset, length);
        } catch (java.io.IOException e) {
            setError();
        }
    }

    @Override public void write(byte[] bytes) { write(bytes, 0, bytes.length); }
    @Override public void writeBytes(byte[] bytes) { write(bytes, 0, bytes.length); }
    @Override public void flush() { }

    @Override public void print(boolean b) { emit(String.valueOf(b)); }
    @Override public void print(char c) { emit(String.valueOf(c)); }
    @Override public void print(int i) { emit(String.valueOf(i)); }
    @Override public void print(long l) { emit(String.valueOf(l)); }
    @Override public void print(float f) { emit(String.valueOf(f)); }
    @Override public void print(double d) { emit(String.valueOf(d)); }
    @Override public void print(char[] s) { emit(new String(s)); }
    @Override public void print(String s) { emit(String.valueOf(s)); }
    @Override public void print(Object o) { emit(String.valueOf(o)); }

    @Override public void println() { emit(LINE_END); }
    @Override public void println(boolean b) { emit(b + LINE_END); }
    @Override public void println(char c) { emit(c + LINE_END); }
    @Override public void println(int i) { emit(i + LINE_END); }
    @Override public void println(long l) { emit(l + LINE_END); }
    @Override public void println(float f) { emit(f + LINE_END); }
    @Override public void println(double d) { emit(d + LINE_END); }
    @Override public void println(char[] s) { emit(new String(s) + LINE_END); }
    @Override public void println(String s) { emit(s + LINE_END); }
    @Override public void println(Object o) { emit(String.valueOf(o) + LINE_END); }
}
