package reflow.kernel.jshell;

import java.util.HashSet;
import java.util.Set;

/**
 * Every Java identifier that appears in a piece of source, keywords and words in strings and comments
 * included: a superset of the names the code can refer to. Compiled code is kept only while no declaration
 * of any of these names changes, so a word too many costs a recompile, never a wrong result.
 */
final class Identifiers {
    private Identifiers() {}

    static Set<String> in(String source) {
        Set<String> names = new HashSet<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (Character.isJavaIdentifierStart(c)) {
                int start = i++;
                while (i < n && Character.isJavaIdentifierPart(source.charAt(i))) {
                    i++;
                }
                names.add(source.substring(start, i));
            } else if (Character.isJavaIdentifierPart(c)) {
                i++;
                while (i < n && Character.isJavaIdentifierPart(source.charAt(i))) {
                    i++; // the rest of a number such as 10L: not a name
                }
            } else {
                i++;
            }
        }
        return names;
    }
}
