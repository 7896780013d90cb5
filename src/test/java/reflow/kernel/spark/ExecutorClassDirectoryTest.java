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
}
