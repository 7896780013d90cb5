package reflow.kernel.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

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
        // The kernel's own class that rewritten cell code uses goes out first, with the folder.
        assertEquals(java.util.List.of("reflow/kernel/spark/ShippedCellVariables.class", "REPL/$JShell$12.class",
                "REPL/$JShell$12$Word.class"), classes.writtenAfter(0).files());
        assertEquals(3, classes.writtenAfter(0).upTo());
        classes.write("REPL.$JShell$12", new byte[] {3}); // redefined: uploaded again
        assertEquals(java.util.List.of("REPL/$JShell$12.class"), classes.writtenAfter(3).files());
        assertEquals(java.util.List.of(), classes.writtenAfter(4).files());
        // A replaced snippet's classes are not uploaded to a session that starts later.
        classes.forget(java.util.Set.of("REPL.$JShell$12$Word"));
        assertEquals(java.util.List.of("reflow/kernel/spark/ShippedCellVariables.class", "REPL/$JShell$12.class"),
                classes.writtenAfter(0).files());
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

    /** Executors have Spark's jars but not the kernel's: what cell code needs there must come from here. */
    @Test
    void theCarrierOfCellVariablesIsThereForExecutorsAndNeedsOnlyTheJdk() throws Exception {
        Path file = new ExecutorClassDirectory().root().resolve("reflow/kernel/spark/ShippedCellVariables.class");
        ClassReader reader = new ClassReader(Files.readAllBytes(file));
        Set<String> used = new TreeSet<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override public void visit(int v, int a, String name, String sig, String superName, String[] interfaces) {
                used.add(superName);
                used.addAll(Set.of(interfaces));
            }

            @Override public FieldVisitor visitField(int a, String name, String descriptor, String sig, Object value) {
                type(Type.getType(descriptor));
                return null;
            }

            @Override public MethodVisitor visitMethod(int a, String name, String descriptor, String sig, String[] ex) {
                type(Type.getType(descriptor));
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override public void visitMethodInsn(int op, String owner, String n, String d, boolean itf) {
                        used.add(owner);
                        type(Type.getType(d));
                    }

                    @Override public void visitFieldInsn(int op, String owner, String n, String d) {
                        used.add(owner);
                        type(Type.getType(d));
                    }

                    @Override public void visitTypeInsn(int op, String type) {
                        used.add(type);
                    }
                };
            }

            private void type(Type t) {
                if (t.getSort() == Type.METHOD) {
                    type(t.getReturnType());
                    for (Type arg : t.getArgumentTypes()) type(arg);
                } else if (t.getSort() == Type.ARRAY) {
                    type(t.getElementType());
                } else if (t.getSort() == Type.OBJECT) {
                    used.add(t.getInternalName());
                }
            }
        }, 0);
        used.remove(reader.getClassName());
        used.removeIf(name -> name.startsWith("java/") || name.startsWith("["));
        assertEquals(Set.of(), used, "types an executor could not load");
    }
}
