package reflow.kernel.jshell;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which JShell wrapper classes a compiled snippet class refers to. JShell puts each snippet in a class
 * {@code REPL.$JShell$<key><version>} and other snippets bind to that exact class ({@code import static
 * REPL.$JShell$12.n}); when a declaration is compiled again it gets a new class, and code compiled before
 * still reads the old one. The references are found in the class file's constant pool, where every class,
 * field and method a class uses is named.
 */
final class WrapperReferences {
    private static final byte[] PREFIX = "REPL/$JShell$".getBytes(StandardCharsets.US_ASCII);

    private WrapperReferences() {}

    /**
     * The outer wrapper classes named in {@code classBytes} ("REPL.$JShell$12", a nested class counts as
     * its outer class), in the order found. A byte scan is enough: these names are ASCII in the pool's
     * UTF-8 entries, and a name read where none was meant only makes the check stricter.
     */
    static Set<String> in(byte[] classBytes) {
        Set<String> found = new LinkedHashSet<>();
        int limit = classBytes.length - PREFIX.length;
        outer:
        for (int i = 0; i <= limit; i++) {
            for (int j = 0; j < PREFIX.length; j++) {
                if (classBytes[i + j] != PREFIX[j]) {
                    continue outer;
                }
            }
            int end = i + PREFIX.length;
            while (end < classBytes.length && isWordByte(classBytes[end])) {
                end++;
            }
            if (end > i + PREFIX.length) {
                found.add("REPL." + new String(classBytes, i + 5, end - i - 5, StandardCharsets.US_ASCII));
            }
            i = end - 1;
        }
        return found;
    }

    /** The outer wrapper class of a wrapper or nested class name: REPL.$JShell$12$Pt -> REPL.$JShell$12. */
    static String outerOf(String className) {
        int start = "REPL.$JShell$".length();
        if (!className.startsWith("REPL.$JShell$")) {
            return className;
        }
        int end = start;
        while (end < className.length() && isWordChar(className.charAt(end))) {
            end++;
        }
        return className.substring(0, end);
    }

    /** JShell's wrapper names continue with \w characters (key index, version letters, '_'). */
    private static boolean isWordByte(byte b) {
        return isWordChar((char) b);
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
