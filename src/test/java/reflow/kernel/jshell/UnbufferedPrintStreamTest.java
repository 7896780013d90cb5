package reflow.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnbufferedPrintStreamTest {

    /** Records each write that reaches the routing. */
    private static final class Sink extends OutputStream {
        final List<String> writes = Collections.synchronizedList(new ArrayList<>());

        @Override public void write(int b) { write(new byte[] {(byte) b}, 0, 1); }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }

        String text() {
            synchronized (writes) {
                return String.join("", writes);
            }
        }
    }

    /**
     * The CI failure this guards: a cell stopped with Thread.stop inside println left its digits in a plain
     * PrintStream's writer, and the next cell's println sent them as its own output (17 of 50 stops here).
     */
    @Test
    @SuppressWarnings({"deprecation", "removal"})
    void aPrintStoppedByThreadStopLeavesNothingForTheNextCell() throws Exception {
        assumeTrue(Runtime.version().feature() < 20, "Thread.stop exists up to JDK 19");
        for (int attempt = 0; attempt < 30; attempt++) {
            Sink sink = new Sink();
            UnbufferedPrintStream out = new UnbufferedPrintStream(sink);
            Thread runaway = new Thread(() -> {
                for (long n = 0; ; n++) out.println(n);
            });
            runaway.start();
            Thread.sleep(3);
            runaway.stop();
            runaway.join();
            int before = sink.writes.size();
            out.println("later 41");
            List<String> after;
            synchronized (sink.writes) {
                after = new ArrayList<>(sink.writes.subList(before, sink.writes.size()));
            }
            assertEquals(List.of("later 41" + System.lineSeparator()), after,
                    "the next print carries only its own text (attempt " + attempt + ")");
        }
    }

    @Test
    void everyKindOfPrintArrivesAsUtf8() {
        Sink sink = new Sink();
        UnbufferedPrintStream out = new UnbufferedPrintStream(sink);
        String nl = System.lineSeparator();
        out.print(true);
        out.print('x');
        out.print(3);
        out.print(4L);
        out.print(1.5f);
        out.print(2.5);
        out.print(new char[] {'a', 'b'});
        out.print((String) null);
        out.print((Object) null);
        out.println();
        out.printf("%s=%d%n", "k", 7);
        out.append("é€").append('!').println(new StringBuilder("sb"));
        out.write('Z');
        out.write("raw".getBytes(StandardCharsets.UTF_8), 0, 3);
        assertEquals("truex341.52.5abnullnull" + nl + "k=7" + nl + "é€!sb" + nl + "Zraw", sink.text());
    }

    @Test
    void aSurrogatePairPrintedCharByCharStaysOneCharacter() {
        Sink sink = new Sink();
        UnbufferedPrintStream out = new UnbufferedPrintStream(sink);
        String smile = "\uD83D\uDE00";
        out.print(smile.charAt(0));
        assertEquals("", sink.text(), "half a pair waits for its other half");
        out.print(smile.charAt(1));
        assertEquals(smile, sink.text());
    }
}
