package reflow.kernel.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What the kernel knows of every snippet class from its bytecode: supertypes, static fields, and for each
 * method the cell variables it reads and the cell code it can run (calls, classes it creates, lambdas and
 * method references). This is the call graph {@link ReachableCellVariables} walks; only snippet classes
 * are in it, so a walk never looks at the JDK or Spark. A class name is defined once (a changed snippet
 * gets a new name, and a reused name is read again); entries of replaced snippets go when the kernel lets
 * their classes go ({@link #forget}).
 */
final class CellClassIndex {
    /** JShell's wrapper classes: REPL/$JShell$12, never their nested (user-declared) classes. */
    static final Pattern WRAPPER = Pattern.compile("REPL/\\$JShell\\$\\d+[A-Z]*");
    static final String REPL = "REPL/";

    /** A method of a snippet class, or a call to one. {@code opcode} is the invoke kind of a call. */
    record MethodRef(int opcode, String owner, String name, String descriptor) {
        String key() {
            return name + descriptor;
        }
    }

    /** A static field of a wrapper class: a top-level cell variable. */
    record FieldRef(String owner, String name, String descriptor) {}

    record MethodInfo(String name, String descriptor, int access, List<FieldRef> reads, List<MethodRef> calls,
                      List<String> creates) {}

    record ClassInfo(String name, int access, String superName, List<String> interfaces, Set<String> staticFields,
                     boolean declaresSerialVersionUID, Map<String, MethodInfo> methods) {
        boolean isInterface() {
            return (access & Opcodes.ACC_INTERFACE) != 0;
        }

        boolean isRecordOrEnum() {
            return "java/lang/Record".equals(superName) || (access & Opcodes.ACC_ENUM) != 0;
        }

        boolean isWrapper() {
            return WRAPPER.matcher(name).matches();
        }
    }

    private final Map<String, ClassInfo> classes = new ConcurrentHashMap<>();
    /** Resolves the library types cell classes extend (MapFunction, Serializable...); null: JDK types only. */
    private final ClassLoader libraries;

    CellClassIndex(ClassLoader libraries) {
        this.libraries = libraries;
    }

    /**
     * Records a snippet class. The same name can come back with other bytes (a dropped variable declared
     * again starts from its first wrapper name), so the latest bytes win.
     */
    void add(byte[] classBytes) {
        Summary summary = new Summary();
        new ClassReader(classBytes).accept(summary, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        classes.put(summary.info().name(), summary.info());
    }

    /** Classes of replaced snippets (binary names): no live code can call them any more. */
    void forget(java.util.Collection<String> classNames) {
        for (String name : classNames) {
            classes.remove(name.replace('.', '/'));
        }
    }

    ClassInfo get(String internalName) {
        return classes.get(internalName);
    }

    /** Snippet classes that extend or implement {@code internalName}, directly or not. */
    List<ClassInfo> subtypesOf(String internalName) {
        List<ClassInfo> result = new ArrayList<>();
        for (ClassInfo c : classes.values()) {
            if (!c.name().equals(internalName) && cellAncestors(c.name()).contains(internalName)) {
                result.add(c);
            }
        }
        return result;
    }

    /** The class and its supertypes that are snippet classes, nearest first. */
    Set<String> cellAncestors(String internalName) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> work = new ArrayList<>(List.of(internalName));
        while (!work.isEmpty()) {
            String name = work.remove(0);
            ClassInfo c = classes.get(name);
            if (c != null && seen.add(name)) {
                if (c.superName() != null) {
                    work.add(c.superName());
                }
                work.addAll(c.interfaces());
            }
        }
        return seen;
    }

    /** Whether instances of this snippet class are Java-serializable (through any supertype). */
    boolean isSerializable(String internalName) {
        return isSerializable(internalName, new LinkedHashSet<>());
    }

    private boolean isSerializable(String internalName, Set<String> seen) {
        if (!seen.add(internalName)) {
            return false;
        }
        ClassInfo c = classes.get(internalName);
        if (c == null) {
            return !internalName.startsWith(REPL) && libraryTypeIsSerializable(internalName);
        }
        if (c.superName() != null && isSerializable(c.superName(), seen)) {
            return true;
        }
        for (String i : c.interfaces()) {
            if (isSerializable(i, seen)) {
                return true;
            }
        }
        return false;
    }

    private boolean libraryTypeIsSerializable(String internalName) {
        if (internalName.equals("java/lang/Object")) {
            return false;
        }
        try {
            Class<?> type = Class.forName(internalName.replace('/', '.'), false,
                    libraries == null ? ClassLoader.getPlatformClassLoader() : libraries);
            return Serializable.class.isAssignableFrom(type);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** One pass over a class: its shape and, per method, what it reads, calls and creates. */
    private static final class Summary extends ClassVisitor {
        private String name;
        private int access;
        private String superName;
        private List<String> interfaces;
        private final Set<String> staticFields = new LinkedHashSet<>();
        private boolean declaresSerialVersionUID;
        private final Map<String, MethodInfo> methods = new LinkedHashMap<>();

        Summary() {
            super(Opcodes.ASM9);
        }

        ClassInfo info() {
            return new ClassInfo(name, access, superName, interfaces, Set.copyOf(staticFields), declaresSerialVersionUID,
                    Map.copyOf(methods));
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.name = name;
            this.access = access;
            this.superName = superName;
            this.interfaces = interfaces == null ? List.of() : List.of(interfaces);
        }

        @Override
        public FieldVisitor visitField(int access, String field, String descriptor, String signature, Object value) {
            if ((access & Opcodes.ACC_STATIC) != 0) {
                staticFields.add(field);
                if (field.equals("serialVersionUID") && descriptor.equals("J")) {
                    declaresSerialVersionUID = true;
                }
            }
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String method, String descriptor, String signature, String[] exceptions) {
            List<FieldRef> reads = new ArrayList<>();
            List<MethodRef> calls = new ArrayList<>();
            List<String> creates = new ArrayList<>();
            methods.put(method + descriptor, new MethodInfo(method, descriptor, access, reads, calls, creates));
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                    FieldRef f = new FieldRef(owner, field, fieldDescriptor);
                    if (opcode == Opcodes.GETSTATIC && WRAPPER.matcher(owner).matches() && !reads.contains(f)) {
                        reads.add(f);
                    }
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String called, String calledDescriptor, boolean itf) {
                    call(opcode, owner, called, calledDescriptor);
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (opcode == Opcodes.NEW && type.startsWith(REPL) && !creates.contains(type)) {
                        creates.add(type);
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String indyName, String indyDescriptor, Handle bootstrap, Object... args) {
                    for (Object arg : args) {
                        handle(arg);
                    }
                }

                @Override
                public void visitLdcInsn(Object value) {
                    handle(value);
                }

                /** A lambda body or method reference: code that may run wherever the function object goes. */
                private void handle(Object value) {
                    if (value instanceof Handle h) {
                        int opcode = switch (h.getTag()) {
                            case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
                            case Opcodes.H_INVOKESPECIAL, Opcodes.H_NEWINVOKESPECIAL -> Opcodes.INVOKESPECIAL;
                            case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
                            case Opcodes.H_INVOKEVIRTUAL -> Opcodes.INVOKEVIRTUAL;
                            default -> -1;
                        };
                        if (opcode >= 0) {
                            call(opcode, h.getOwner(), h.getName(), h.getDesc());
                        }
                    }
                }

                private void call(int opcode, String owner, String called, String calledDescriptor) {
                    MethodRef ref = new MethodRef(opcode, owner, called, calledDescriptor);
                    if (owner.startsWith(REPL) && !calls.contains(ref)) {
                        calls.add(ref);
                    }
                }
            };
        }
    }
}
