package reflow.kernel.display;

import java.net.URLClassLoader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import reflow.kernel.notebook.Renderer;

/**
 * Type -> renderer, from cells ({@code Renderers.register}) and from jars on the cells' class path
 * ({@link ServiceLoader} of {@link Renderer}, looked up again whenever the class path grew). A value's
 * renderer is the one for its most specific type: its class, then superclasses, then interfaces.
 */
public final class RendererRegistry {
    public static final RendererRegistry INSTANCE = new RendererRegistry();

    private final Map<Class<?>, Function<Object, ?>> registered = new LinkedHashMap<>();
    private final Map<Class<?>, Function<Object, ?>> discovered = new LinkedHashMap<>();
    private volatile ClassLoader loader;
    private int scannedUrls = -1;

    private RendererRegistry() {}

    /** The class loader of the cells' code and jars, where ServiceLoader looks for renderers. */
    public synchronized void useClassLoader(ClassLoader loader) {
        this.loader = loader;
        scannedUrls = -1;
    }

    @SuppressWarnings("unchecked")
    public synchronized <T> void register(Class<T> type, Function<? super T, ?> renderer) {
        registered.put(type, (Function<Object, ?>) renderer);
    }

    public synchronized void unregister(Class<?> type) {
        registered.remove(type);
    }

    /** The renderer for {@code value}'s type, or null for the built-in rendering. */
    synchronized Function<Object, ?> find(Object value) {
        if (registered.isEmpty() && discovered.isEmpty() && loader == null) {
            return null;
        }
        rescanIfClassPathGrew();
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
            Function<Object, ?> f = lookup(c);
            if (f != null) return f;
            todo.add(c);
        }
        while (!todo.isEmpty()) { // interfaces, nearest first
            for (Class<?> i : todo.poll().getInterfaces()) {
                if (seen.add(i)) {
                    Function<Object, ?> f = lookup(i);
                    if (f != null) return f;
                    todo.add(i);
                }
            }
        }
        return null;
    }

    private Function<Object, ?> lookup(Class<?> c) {
        Function<Object, ?> f = registered.get(c);
        return f != null ? f : discovered.get(c);
    }

    private void rescanIfClassPathGrew() {
        ClassLoader l = loader;
        if (l == null) {
            return;
        }
        int urls = l instanceof URLClassLoader u ? u.getURLs().length : 0;
        if (urls == scannedUrls) {
            return;
        }
        scannedUrls = urls;
        discovered.clear();
        try {
            for (Renderer r : ServiceLoader.load(Renderer.class, l)) {
                discovered.put(r.type(), r::render);
            }
        } catch (ServiceConfigurationError e) {
            System.err.println("reflow: a jar lists a renderer that cannot be loaded: " + e.getMessage());
        }
    }
}
