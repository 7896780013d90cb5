package reflow.kernel.notebook;

import java.util.function.Function;
import reflow.kernel.display.RendererRegistry;

/**
 * Choose how values of a type are shown, from a cell: {@code Renderers.register(Point.class, p ->
 * html("<b>" + p.x() + "," + p.y() + "</b>"))}. The function returns a MIME bundle ({@code Map} of MIME
 * type to content) or any value Reflow can show. Applies to display(...), cell values and table cells;
 * the most specific registered type wins; registering a type again replaces its renderer.
 */
public final class Renderers {
    private Renderers() {}

    public static <T> void register(Class<T> type, Function<? super T, ?> renderer) {
        RendererRegistry.INSTANCE.register(type, renderer);
    }

    /** Back to the built-in rendering for {@code type}. */
    public static void unregister(Class<?> type) {
        RendererRegistry.INSTANCE.unregister(type);
    }
}
