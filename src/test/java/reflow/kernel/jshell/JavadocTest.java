package reflow.kernel.jshell;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Raw javadoc (as JShell gives it from src.zip) rendered for readers. */
class JavadocTest {
    private static final String ABS = """
             Returns the absolute value of an {@code int} value.
             If the argument is not negative, the argument is returned.

             <p>Note that if the argument is equal to the value of {@link
             Integer#MIN_VALUE}, the most negative representable {@code int}
             value, the result is that same value. See <a href="../util/Formatter.html#syntax">format</a>.
             <ul><li>one case
             <li>another case</ul>

             @param   a   the argument whose absolute value is to be determined
             @return  the absolute value of the argument.
             @throws  java.lang.ArithmeticException never, really
             @see Math#absExact(int)
             @author nobody
            """;

    @Test
    void plainTextHasNoTagsAndNamedSections() {
        String text = new Javadoc(ABS).text();
        assertTrue(text.startsWith("Returns the absolute value of an int value. If the argument is not negative"), text);
        assertTrue(text.contains("\n\nNote that if the argument is equal to the value of Integer.MIN_VALUE, the most"), text);
        assertTrue(text.contains("\n- one case\n- another case"), text);
        assertTrue(text.contains("Parameters:\n  a - the argument whose absolute value is to be determined"), text);
        assertTrue(text.contains("Returns:\n  the absolute value of the argument."), text);
        assertTrue(text.contains("Throws:\n  java.lang.ArithmeticException - never, really"), text);
        assertTrue(text.contains("See also:\n  Math.absExact(int)"), text);
        assertFalse(text.contains("{@") || text.contains("<") || text.contains("nobody"), text);
    }

    @Test
    void htmlAndMarkdownKeepCodeAndDropDeadLinks() {
        Javadoc doc = new Javadoc(ABS);
        String html = doc.html();
        assertTrue(html.contains("an <code>int</code> value") && html.contains("<dt><b>Parameters:</b></dt>"), html);
        assertFalse(html.contains("href") || html.contains("{@"), html);
        String md = doc.markdown();
        assertTrue(md.contains("an `int` value") && md.contains("**Returns:**") && md.contains("`Integer.MIN_VALUE`"), md);
    }
}
