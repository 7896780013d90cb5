package reflow.kernel.jshell;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds the bytecode of snippet classes and defines them (instrumented) on first use. Because bytes are
 * recorded before anything is defined, classes that refer to each other, or extend each other, resolve in
 * any order. Paths added with /classpath-like calls are searched after the kernel's own class loader.
 */
final class SnippetClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> recorded = new ConcurrentHashMap<>();

    SnippetClassLoader(ClassLoader parent) {
        super(new URL[0], parent);
    }

    void record(String className, byte[] bytecode) {
        recorded.put(className, bytecode);
    }

    void addPath(URL url) {
        addURL(url);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytecode = recorded.get(name);
        if (bytecode == null) {
            return super.findClass(name);
        }
        byte[] instrumented = SnippetInstrumenter.instrument(bytecode);
        return defineClass(name, instrumented, 0, instrumented.length);
    }
}
