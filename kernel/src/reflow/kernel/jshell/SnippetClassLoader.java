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
import java.util.function.Predicate;
import java.util.jar.Manifest;

/**
 * The session's library loader: the jars and folders added at run time (%classpath, %maven), searched after
 * the kernel's own class loader, and the registry of the live snippet classes. Snippet classes themselves
 * are defined by one {@link SnippetBatchLoader} per compile, so replaced ones can be unloaded; this loader
 * finds the live ones by name, for the batch loaders and for libraries that load classes by name through
 * the context class loader (strict mode's copier, Spark, JDBC drivers).
 *
 * <p>Library classes are instrumented too: a loop inside a library stops on interrupt, and a library's
 * System.exit is blocked, like a cell's.
 */
final class SnippetClassLoader extends URLClassLoader {
    /** The name stack frames of cell and library classes carry ({@link StackTraceElement#getClassLoaderName}). */
    static final String NAME = "reflow-cells";
    private static final String REPL_PREFIX = "REPL.";

    static {
        registerAsParallelCapable();
    }

    /** Snippet classes by name; a replaced or dropped snippet's classes are removed ({@link #forgetSnippetClasses}). */
    private final Map<String, Class<?>> liveSnippetClasses = new ConcurrentHashMap<>();
    /** Sees each snippet class's bytes before its batch loader defines it (the Spark glue). */
    private volatile SnippetClassHook hook = SnippetClassHook.NONE;

    SnippetClassLoader(ClassLoader parent) {
        super(NAME, new URL[0], parent);
    }

    void setHook(SnippetClassHook hook) {
        this.hook = hook;
    }

    SnippetClassHook hook() {
        return hook;
    }

    void addPath(URL url) {
        addURL(url);
    }

    void register(Class<?> snippetClass) {
        liveSnippetClasses.put(snippetClass.getName(), snippetClass);
    }

    /** Forgets the classes {@code isDead} names: no later lookup finds them, so their loader can go. */
    void forgetSnippetClasses(Predicate<String> isDead) {
        java.util.Set<String> dead = new java.util.HashSet<>();
        liveSnippetClasses.keySet().removeIf(name -> isDead.test(name) && dead.add(name));
        if (!dead.isEmpty()) {
            hook.forgotten(dead);
        }
    }

    int liveSnippetClassCount() {
        return liveSnippetClasses.size();
    }

    Class<?> liveSnippetClass(String name) throws ClassNotFoundException {
        Class<?> c = liveSnippetClasses.get(name);
        if (c == null) {
            throw new ClassNotFoundException(name + " (no live snippet declares it)");
        }
        return c;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(REPL_PREFIX)) {
            return liveSnippetClass(name); // never the kernel's loader, never a jar
        }
        return super.loadClass(name, resolve);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        return findLibraryClass(name);
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
