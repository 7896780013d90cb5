package reflow.kernel.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The folder of class files that Spark's driver serves to executors ({@code spark.repl.class.outputDir}:
 * the driver's file server publishes it, executors' ExecutorClassLoader fetch from it what their own class
 * path lacks). Every snippet class goes here as it is defined, from the first cell on, so classes and
 * records declared before Spark was started reach executors too. The bytes are JShell's (plus the lambda
 * capture rewrite), without the kernel's interrupt instrumentation, which executors could not resolve.
 * Created on first use (named after the kernel's process id); deleted when the kernel exits, or by the next
 * kernel when this one was killed.
 *
 * <p>Until a Spark session runs nobody reads the folder, so files are written on a background thread and
 * cells do not wait for the disk (about 0.6 ms a file on a busy machine); {@link #synchronous()} (at session
 * start) drains what is queued and writes every later class before it is defined, since a job may ship it
 * at once.
 *
 * <p>For Spark Connect, whose server has no way to fetch from this folder, the folder keeps the order in
 * which files were written ({@link #writtenAfter}) so that {@link ConnectClassUpload} uploads each new file.
 */
final class ExecutorClassDirectory {
    static final String PREFIX = "reflow-cell-classes-";
    private Path root;
    private boolean failed;
    /**
     * Relative path of each live class's file -> the number of the write that wrote it last, in write order
     * (a class written again moves to the end; classes of replaced snippets leave, see {@link #forget}).
     */
    private final Map<String, Long> written = new LinkedHashMap<>(); // guarded by this
    private long writes; // guarded by this
    private volatile boolean synchronous;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "reflow-cell-class-writer");
        thread.setDaemon(true);
        return thread;
    });

    /** From now on each class is on disk before it is defined; what was queued is written first. */
    void synchronous() {
        synchronous = true;
        try {
            writer.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Writes the class file now (a session runs) or soon (none yet). */
    void write(String className, byte[] bytecode) {
        if (synchronous) {
            writeNow(className, bytecode);
        } else {
            writer.execute(() -> writeNow(className, bytecode));
        }
    }

    /** The folder (created if needed). */
    synchronized Path root() {
        if (root == null) {
            try {
                deleteLeftOvers();
                root = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a folder for the executors' cell classes", e);
            }
            Path created = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(created), "reflow-cell-classes-cleanup"));
            writeKernelClass(ShippedCellVariables.class);
        }
        return root;
    }

    /** A kernel class that rewritten cell code uses on executors, which do not have the kernel's jar. */
    private void writeKernelClass(Class<?> type) {
        String file = type.getName().replace('.', '/') + ".class";
        try (var in = type.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IOException(file + " is not in the kernel's jar");
            }
            Path target = root.resolve(file);
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
            recordWrite(file); // Spark Connect uploads it like a cell class
        } catch (IOException e) {
            System.err.println("reflow: " + file + " cannot be written for Spark executors (" + e.getMessage()
                    + "); cell variables read by cell methods and classes will not reach them");
        }
    }

    /** Writes {@code REPL/$JShell$12.class}; a failure is reported once and does not stop the cell. */
    private synchronized void writeNow(String className, byte[] bytecode) {
        if (failed) {
            return;
        }
        try {
            String relative = className.replace('.', '/') + ".class";
            Path file = root().resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytecode);
            recordWrite(relative);
        } catch (IOException | UncheckedIOException e) {
            failed = true;
            System.err.println("reflow: cell classes cannot be written for Spark executors (" + e.getMessage()
                    + "); classes declared in cells will be missing on a cluster");
        }
    }

    private void recordWrite(String relative) {
        written.remove(relative);
        written.put(relative, ++writes);
    }

    /** The files of live classes written after write number {@code after}, and the last write's number. */
    record Written(List<String> files, long upTo) {}

    /** The relative paths ({@code REPL/$JShell$12.class}) written after write {@code after}, in order. */
    synchronized Written writtenAfter(long after) {
        List<String> files = new ArrayList<>();
        written.forEach((file, write) -> {
            if (write > after) {
                files.add(file);
            }
        });
        return new Written(files, writes);
    }

    /**
     * Classes of replaced or dropped snippets (binary names): no live code uses them, so they are not
     * uploaded any more and their entries go (their files stay: a class is small, and nothing asks for it).
     */
    synchronized void forget(Collection<String> classNames) {
        for (String name : classNames) {
            written.remove(name.replace('.', '/') + ".class");
        }
    }

    /** Folders of kernels that were killed (no shutdown hook ran): their process is gone. */
    private static void deleteLeftOvers() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (var entries = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : entries) {
                String rest = dir.getFileName().toString().substring(PREFIX.length());
                int dash = rest.indexOf('-');
                try {
                    long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        deleteTree(dir);
                    }
                } catch (NumberFormatException notOurs) {
                    // a name Reflow did not make
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a temporary folder: best effort at exit
        }
    }
}
