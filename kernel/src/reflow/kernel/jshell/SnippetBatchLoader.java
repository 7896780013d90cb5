package reflow.kernel.jshell;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Defines one batch of snippet classes (what one JShell compile produced: a snippet's wrapper class and
 * the classes nested in it). One loader per batch is what lets the JVM unload a replaced snippet's
 * classes: a class goes only with its loader, and once the snippet is replaced or dropped nothing refers
 * to this loader any more (unless a value built by its code is still held somewhere, and then it must
 * stay). Other snippets' classes are found by name among the live ones ({@link SnippetClassLoader});
 * everything else comes from the parent, the session's library loader.
 *
 * <p>All bytes are handed over before the first class is defined, so classes of one batch that refer to
 * each other, or extend each other, resolve in any order; each class's bytes are dropped once defined.
 */
final class SnippetBatchLoader extends ClassLoader {
    private static final String REPL_PREFIX = "REPL.";

    private final SnippetClassLoader library;
    private final Map<String, byte[]> pending = new ConcurrentHashMap<>();

    SnippetBatchLoader(SnippetClassLoader library, Map<String, byte[]> bytecodes) {
        super(SnippetClassLoader.NAME, library);
        this.library = library;
        pending.putAll(bytecodes);
    }

    /** Bytes handed over and not yet defined. */
    int pendingClassCount() {
        return pending.size();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] bytecode = pending.remove(name);
                if (bytecode != null) {
                    byte[] rewritten = SnippetAccess.widen(SnippetInstrumenter.instrument(library.hook().beforeDefine(name, bytecode)));
                    c = defineClass(name, rewritten, 0, rewritten.length);
                } else if (name.startsWith(REPL_PREFIX)) {
                    c = library.liveSnippetClass(name);
                } else {
                    c = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
