package reflow.kernel.jshell;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Manifest;

/**
 * Holds the bytecode of snippet classes and defines them (instrumented) on first use. Because bytes are
 * recorded before anything is defined, classes that refer to each other, or extend each other, resolve in
 * any order; once defined, a class's bytes are dropped (a class is defined once, and a long session would
 * otherwise keep the bytes of every snippet it ever ran).
 *
 * <p>Jars and folders added at run time (%classpath, %maven) are searched after the kernel's own class
 * loader, and their classes are instrumented too: a loop inside a library stops on interrupt, and a
 * library's System.exit is blocked, like a cell's.
 */
final class SnippetClassLoader extends URLClassLoader {
    /** The name stack frames of cell and library classes carry ({@link StackTraceElement#getClassLoaderName}). */
    static final String NAME = "reflow-cells";

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> recorded = new ConcurrentHashMap<>();
    private volatile SnippetClassHook hook = SnippetClassHook.NONE;

    SnippetClassLoader(ClassLoader parent) {
        super(NAME, new URL[0], parent);
    }

    void setHook(SnippetClassHook hook) {
        this.hook = hook;
    }

    void record(String className, byte[] bytecode) {
        recorded.put(className, bytecode);
    }

    /** Bytes recorded and not yet defined (a measure of what the loader holds on to). */
    int recordedClassCount() {
        return recorded.size();
    }

    void addPath(URL url) {
        addURL(url);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytecode = recorded.get(name);
        if (bytecode == null) {
            return findLibraryClass(name);
        }
        byte[] instrumented = SnippetInstrumenter.instrument(hook.beforeDefine(name, bytecode));
        Class<?> defined = defineClass(name, instrumented, 0, instrumented.length);
        recorded.remove(name);
        return defined;
    }

    /** A class from an added jar or folder, instrumented like cell code. */
    private Class<?> findLibraryClass(String name) throws ClassNotFoundException {
        URL resource = findResource(name.replace('.', '/') + ".class");
        if (resource == null) {
            throw new ClassNotFoundException(name);
        }
        try {
            URLConnection connection = resource.openConnection();
            byte[] original;
            try (InputStream in = connection.getInputStream()) {
                original = in.readAllBytes();
            }
            URL location = resource;
            Manifest manifest = null;
            if (connection instanceof JarURLConnection jar) {
                location = jar.getJarFileURL();
                manifest = jar.getManifest();
            }
            definePackageOf(name, manifest, location);
            byte[] bytes = SnippetInstrumenter.instrumentLibrary(name, original);
            return defineClass(name, bytes, 0, bytes.length, new CodeSource(location, (CodeSigner[]) null));
        } catch (IOException e) {
            throw new ClassNotFoundException(name + ": " + e.getMessage(), e);
        }
    }

    private void definePackageOf(String className, Manifest manifest, URL location) {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String pkg = className.substring(0, dot);
        if (getDefinedPackage(pkg) != null) {
            return;
        }
        try {
            if (manifest != null) {
                definePackage(pkg, manifest, location);
            } else {
                definePackage(pkg, null, null, null, null, null, null, null);
            }
        } catch (IllegalArgumentException definedMeanwhile) {
            // another thread defined it first: fine
        }
    }
}
