package reflow.kernel.jshell;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Makes the package-private and protected classes and members of snippet classes public. Each batch of
 * snippet classes gets its own class loader (so a replaced snippet's classes can be unloaded, see
 * {@link SnippetBatchLoader}), and the JVM puts classes of different loaders in different run-time
 * packages even when both are named REPL: without this, a cell using another cell's class would fail with
 * IllegalAccessError where javac (which sees one package) accepted it, and a package-private method would
 * no longer be overridden by a subclass declared in a later cell. Private stays private: its users are
 * nestmates, which always come in the same batch. JShell compiles against its own copy of the bytes, so
 * what javac accepts does not change; only reflection sees the wider modifiers.
 */
final class SnippetAccess {
    private static final String REPL = "REPL/";
    private static final int ACCESS = Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED | Opcodes.ACC_PRIVATE;

    private SnippetAccess() {}

    static byte[] widen(byte[] classBytes) {
        ClassReader reader = new ClassReader(classBytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                // A class file's own flags know only public or package; private nested classes say so in
                // InnerClasses (kept below), which is what reflection reports.
                super.visit(version, (access & ~ACCESS) | Opcodes.ACC_PUBLIC, name, signature, superName, interfaces);
            }

            @Override
            public void visitInnerClass(String name, String outerName, String innerName, int access) {
                // Entries about other classes (java/util/Map$Entry, ...) are those classes' business.
                super.visitInnerClass(name, outerName, innerName, name.startsWith(REPL) ? widened(access) : access);
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                return super.visitField(widened(access), name, descriptor, signature, value);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                int flags = name.equals("<clinit>") ? access : widened(access);
                return super.visitMethod(flags, name, descriptor, signature, exceptions);
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Package-private or protected become public; private and public stay. */
    static int widened(int access) {
        if ((access & Opcodes.ACC_PRIVATE) != 0) {
            return access;
        }
        return (access & ~ACCESS) | Opcodes.ACC_PUBLIC;
    }
}
