package reflow.kernel.jshell;

import java.io.File;
import java.net.MalformedURLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/** Loads JShell's compiled snippet classes into a {@link SnippetClassLoader}. */
final class SnippetLoaderDelegate implements LoaderDelegate {
    private final SnippetClassLoader loader;
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    SnippetLoaderDelegate(ClassLoader parent) {
        this.loader = new SnippetClassLoader(parent);
    }

    ClassLoader classLoader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] batch) throws ClassInstallException {
        // Record the whole batch first: defining one class may need another of the same batch.
        for (ClassBytecodes c : batch) {
            loader.record(c.name(), c.bytecodes());
        }
        boolean[] installed = new boolean[batch.length];
        for (int i = 0; i < batch.length; i++) {
            try {
                loaded.put(batch[i].name(), loader.loadClass(batch[i].name()));
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("could not load " + batch[i].name() + ": " + e, installed);
            }
        }
    }

    /** JShell gives a changed snippet a fresh class name, so a redefinition only refreshes the bytes. */
    @Override
    public void classesRedefined(ClassBytecodes[] batch) {
        for (ClassBytecodes c : batch) {
            loader.record(c.name(), c.bytecodes());
        }
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

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> c = loaded.get(name);
        return c != null ? c : loader.loadClass(name);
    }
}
