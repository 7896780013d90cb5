package reflow.kernel.copy;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises values that stand for something outside the heap (a thread, a file, a socket, a database
 * connection, a lock...) or that Kryo cannot rebuild (lambdas, proxies). A copy of those would be either
 * impossible or a lie, so the copier shares them and warns once.
 *
 * <p>Matched by supertype <em>name</em> so that e.g. java.sql need not be loaded to recognise a Connection.
 */
final class UncopyableTypes {
    private UncopyableTypes() {}

    // Most specific first: the first supertype found in this order names the value in the warning.
    private static final List<String> SUPERTYPES = List.of(
            "java.sql.Connection", "java.sql.ResultSet", "java.sql.Statement", "javax.sql.DataSource",
            "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.ClassLoader", "java.lang.Process",
            "java.lang.ProcessHandle", "java.lang.Runtime",
            "java.io.InputStream", "java.io.OutputStream", "java.io.Reader", "java.io.Writer",
            "java.io.RandomAccessFile", "java.io.Console", "java.util.Scanner",
            "java.net.Socket", "java.net.ServerSocket", "java.net.DatagramSocket", "java.net.URLConnection",
            "java.net.http.HttpClient", "java.nio.channels.Channel", "java.nio.channels.Selector", "java.nio.Buffer",
            "java.util.concurrent.ExecutorService", "java.util.concurrent.Executor",
            "java.util.concurrent.Future", "java.util.concurrent.CompletionStage",
            "java.util.concurrent.BlockingQueue", "java.util.concurrent.locks.Lock",
            "java.util.concurrent.locks.ReadWriteLock", "java.util.concurrent.locks.Condition",
            "java.util.concurrent.Semaphore", "java.util.concurrent.CountDownLatch",
            "java.util.concurrent.CyclicBarrier", "java.util.concurrent.Phaser", "java.util.concurrent.Exchanger",
            "java.util.Timer", "java.util.TimerTask", "java.lang.ref.Reference",
            "java.util.stream.BaseStream", "java.util.Iterator", "java.util.Spliterator",
            "java.lang.AutoCloseable");

    private static final ClassValue<Optional<String>> CACHE = new ClassValue<>() {
        @Override protected Optional<String> computeValue(Class<?> type) {
            return Optional.ofNullable(describe(type));
        }
    };

    /** How to name the value in a warning ("a java.sql.Connection"), or empty when it can be copied. */
    static Optional<String> describeUncopyable(Class<?> type) {
        return CACHE.get(type);
    }

    private static String describe(Class<?> type) {
        Set<String> supertypes = supertypeNames(type);
        for (String name : SUPERTYPES) if (supertypes.contains(name)) return "a " + name;
        if (type.isSynthetic() || type.isHidden() || type.getName().contains("$$Lambda"))
            return "a lambda (" + type.getName() + ")";
        if (Proxy.isProxyClass(type)) return "a proxy (" + type.getName() + ")";
        return null;
    }

    private static Set<String> supertypeNames(Class<?> type) {
        Set<String> names = new HashSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            Class<?> c = pending.poll();
            if (!names.add(c.getName())) continue;
            if (c.getSuperclass() != null) pending.add(c.getSuperclass());
            pending.addAll(List.of(c.getInterfaces()));
        }
        return names;
    }
}
