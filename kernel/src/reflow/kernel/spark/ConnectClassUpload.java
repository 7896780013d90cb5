package reflow.kernel.spark;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cell classes for a Spark Connect server. The Connect client asks its registered class finders for class
 * files before every request that may need them (each execution and analysis) and uploads what they return
 * as artifacts of the session; the server's session class loader (and its executors) then load cell
 * classes, records and lambda bodies from them. Spark's own finder for REPLs returns every file of a class
 * folder each time; this one returns only the files {@link ExecutorClassDirectory} wrote since its last
 * answer, so a notebook with hundreds of snippet classes sends each class once. It implements the client's
 * {@code ClassFinder} trait (a Java interface) through a proxy, as the kernel is compiled without Spark.
 */
final class ConnectClassUpload implements InvocationHandler {
    static final String FINDER = "org.apache.spark.sql.connect.client.ClassFinder";

    private final ExecutorClassDirectory classes;
    private final Method newClassArtifact;
    private final Constructor<?> localFile;
    private final Method asScala;
    private long uploadedUpTo; // guarded by this: the directory's last write whose file went out

    private ConnectClassUpload(ExecutorClassDirectory classes, ClassLoader cells) throws ReflectiveOperationException {
        this.classes = classes;
        Class<?> artifact = Class.forName("org.apache.spark.sql.Artifact", true, cells);
        Class<?> localData = Class.forName("org.apache.spark.sql.Artifact$LocalData", true, cells);
        this.newClassArtifact = artifact.getMethod("newClassArtifact", Path.class, localData);
        this.localFile = Class.forName("org.apache.spark.sql.Artifact$LocalFile", true, cells).getConstructor(Path.class);
        this.asScala = Class.forName("scala.jdk.javaapi.CollectionConverters", true, cells)
                .getMethod("asScala", Iterator.class);
    }

    /** A ClassFinder for {@code registerClassFinder}: the files written since the last call. */
    static Object finder(ClassLoader cells, ExecutorClassDirectory classes) {
        try {
            Class<?> finder = Class.forName(FINDER, true, cells);
            return Proxy.newProxyInstance(cells, new Class<?>[] {finder}, new ConnectClassUpload(classes, cells));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Spark Connect client has no " + FINDER
                    + ": cell classes cannot reach the server (Reflow knows the client of Spark 4.0)", e);
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "findClasses" -> asScala.invoke(null, fresh().iterator());
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "Reflow's cell classes in " + classes.root();
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }

    /** Artifacts {@code classes/REPL/$JShell$12.class} for the files written since the last call. */
    private synchronized List<Object> fresh() throws ReflectiveOperationException {
        ExecutorClassDirectory.Written written = classes.writtenAfter(uploadedUpTo);
        uploadedUpTo = written.upTo();
        // Each file once (the server refuses a batch that names a file twice); the file is its latest version.
        Set<String> files = new LinkedHashSet<>(written.files());
        List<Object> artifacts = new ArrayList<>(files.size());
        Path root = classes.root();
        for (String file : files) {
            Path relative = Path.of(file);
            artifacts.add(newClassArtifact.invoke(null, relative, localFile.newInstance(root.resolve(relative))));
        }
        return artifacts;
    }
}
