package reflow.kernel.notebook;

/**
 * How a library shows its own values in Reflow: implement this, list the class in
 * {@code META-INF/services/reflow.kernel.notebook.Renderer} in the jar, and once the jar is on the class
 * path ({@code %classpath}) every value of {@link #type()} is shown with {@link #render}. Cells can do the
 * same with {@link Renderers#register}.
 */
public interface Renderer {
    /** The values this renderer shows (subclasses and implementations included). */
    Class<?> type();

    /**
     * What to show for {@code value}: a MIME bundle ({@code Map} of MIME type to content; text/plain is
     * added when missing) or any value Reflow can show, such as {@code html(...)} or a String.
     */
    Object render(Object value);
}
