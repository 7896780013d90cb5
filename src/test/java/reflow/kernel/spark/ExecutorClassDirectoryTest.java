package reflow.kernel.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Cell classes land where Spark's class server looks: package folders, one .class file per class. */
class ExecutorClassDirectoryTest {

    @Test
    void queuedClassesAreOnDiskOnceASessionNeedsThemAndLaterOnesAtOnce() throws Exception {
        ExecutorClassDirectory classes = new ExecutorClassDirectory();
        byte[] early = {1, 2, 3};
        classes.write("REPL.$JShell$12$Word", early);
        classes.synchronous();
        Path root = classes.root();
        assertArrayEquals(early, Files.readAllBytes(root.resolve("REPL/$JShell$12$Word.class")));
        byte[] late = {4, 5};
        classes.write("REPL.$JShell$13", late);
        assertArrayEquals(late, Files.readAllBytes(root.resolve("REPL/$JShell$13.class")), "written before returning");
    }

    @Test
    void theFilesWrittenAreListedInOrderForSparkConnectUploads() {
        ExecutorClassDirectory classes = new ExecutorClassDirectory();
        classes.synchronous();
        classes.write("REPL.$JShell$12", new byte[] {1});
        classes.write("REPL.$JShell$12$Word", new byte[] {2});
        assertEquals(java.util.List.of("REPL/$JShell$12.class", "REPL/$JShell$12$Word.class"), classes.writtenFrom(0));
        classes.write("REPL.$JShell$12", new byte[] {3}); // redefined: uploaded again
        assertEquals(java.util.List.of("REPL/$JShell$12.class"), classes.writtenFrom(2));
        assertEquals(java.util.List.of(), classes.writtenFrom(3));
    }

    @Test
    void aKilledKernelsFolderIsDeletedByTheNextKernel() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path leftOver = Files.createDirectories(tmp.resolve(ExecutorClassDirectory.PREFIX + gone.pid() + "-12345/REPL"));
        Files.write(leftOver.resolve("$JShell$1.class"), new byte[] {1});
        Path mine = new ExecutorClassDirectory().root();
        assertFalse(Files.exists(leftOver.getParent()), "the dead kernel's folder is still there");
        assertTrue(mine.getFileName().toString().startsWith(ExecutorClassDirectory.PREFIX + ProcessHandle.current().pid() + "-"));
    }
}
