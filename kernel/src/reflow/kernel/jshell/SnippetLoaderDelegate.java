package reflow.kernel.jshell;

import java.io.File;
import java.net.MalformedURLException;
import java.util.function.Consumer;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/** Loads JShell's compiled snippet classes into a {@link SnippetClassLoader}. */
final class SnippetLoaderDelegate implements LoaderDelegate {
    private final SnippetClassLoader loader;
    private Consumer<ClassBytecodes[]> loadObserver = batch -> { };

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
        return loader.recordedClassCount();
    }

    void observeLoads(Consumer<ClassBytecodes[]> observer) {
        this.loadObserver = observer;
    }

    @Override
    public void load(ClassBytecodes[] batch) throws ClassInstallException {
        loadObserver.accept(batch);
        // Record the whole batch first: defining one class may need another of the same batch.
        for (ClassBytecodes c : batch) {
            loader.record(c.name(), c.bytecodes());
        }
        boolean[] installed = new boolean[batch.length];
        for (int i = 0; i < batch.length; i++) {
            try {
                loader.loadClass(batch[i].name());
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("could not load " + batch[i].name() + ": " + e, installed);
            }
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

    /** Loaded classes are found first (ClassLoader.loadClass asks findLoadedClass before the parent). */
    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        return loader.loadClass(name);
    }
}
