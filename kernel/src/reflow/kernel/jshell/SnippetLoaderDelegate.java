package reflow.kernel.jshell;

import java.io.File;
import java.lang.ref.WeakReference;
import java.net.MalformedURLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * Loads each batch of JShell's compiled snippet classes into a {@link SnippetBatchLoader} of its own, and
 * finds them by name in the session's {@link SnippetClassLoader}, which also holds the jars added at run time.
 */
final class SnippetLoaderDelegate implements LoaderDelegate {
    private final SnippetClassLoader loader;
    private Consumer<ClassBytecodes[]> loadObserver = batch -> { };
    /** The loaders of all batches, weakly: how many are still alive shows whether replaced ones unload. */
    private final List<WeakReference<SnippetBatchLoader>> batches = new ArrayList<>();
    private int pendingInLastBatch;

    SnippetLoaderDelegate(ClassLoader parent) {
        this.loader = new SnippetClassLoader(parent);
    }

    ClassLoader classLoader() {
        return loader;
    }

    void setHook(SnippetClassHook hook) {
        loader.setHook(hook);
    }

    int pendingClassCount() {
        return pendingInLastBatch;
    }

    /** Forgets the classes of snippets that are gone ({@code isDead} takes a class name). */
    void forgetSnippetClasses(Predicate<String> isDead) {
        loader.forgetSnippetClasses(isDead);
    }

    int liveSnippetClassCount() {
        return loader.liveSnippetClassCount();
    }

    /** Batch loaders not yet collected (call after a GC to see what replaced snippets still hold). */
    synchronized int batchLoadersAlive() {
        batches.removeIf(ref -> ref.get() == null);
        return batches.size();
    }

    void observeLoads(Consumer<ClassBytecodes[]> observer) {
        this.loadObserver = observer;
    }

    @Override
    public void load(ClassBytecodes[] batch) throws ClassInstallException {
        loadObserver.accept(batch);
        // Hand the whole batch over first: defining one class may need another of the same batch.
        Map<String, byte[]> bytecodes = new HashMap<>();
        for (ClassBytecodes c : batch) {
            bytecodes.put(c.name(), c.bytecodes());
        }
        loader.hook().beforeBatch(Collections.unmodifiableMap(bytecodes));
        SnippetBatchLoader batchLoader = new SnippetBatchLoader(loader, bytecodes);
        synchronized (this) {
            batches.removeIf(ref -> ref.get() == null);
            batches.add(new WeakReference<>(batchLoader));
        }
        boolean[] installed = new boolean[batch.length];
        try {
            for (int i = 0; i < batch.length; i++) {
                try {
                    loader.register(batchLoader.loadClass(batch[i].name()));
                    installed[i] = true;
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new ClassInstallException("could not load " + batch[i].name() + ": " + e, installed);
                }
            }
        } finally {
            pendingInLastBatch = batchLoader.pendingClassCount();
        }
    }

    /**
     * Never called in practice: DirectExecutionControl does not redefine, and JShell gives a changed snippet
     * a fresh class name. Nothing to keep: the loaded class stays as it is.
     */
    @Override
    public void classesRedefined(ClassBytecodes[] batch) {
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                loader.addPath(new File(entry).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new InternalException("not a class path entry: " + entry);
            }
        }
    }

    /** A live snippet class by name (JShell asks for wrappers to invoke and variables to read), or a library class. */
    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        return loader.loadClass(name);
    }
}
