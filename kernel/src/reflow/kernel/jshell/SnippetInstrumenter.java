package reflow.kernel.jshell;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the bytecode of every class the kernel loads for cells (snippets, and jars added at run time)
 * before it is defined:
 * <ul>
 * <li>a call to {@link Interruption#check()} ({@link Interruption#checkLibrary()} in jar classes, which stops
 * only the cell's own thread) at each method entry and before each backward branch, so a
 * stop request ends any loop or recursion;</li>
 * <li>System.exit / Runtime.exit / Runtime.halt (calls and method references) go to {@link ExitGuard};</li>
 * <li>the reflective ways to reach them go through ExitGuard's checks: {@code Method.invoke} and the
 * MethodHandles.Lookup methods that produce handles ({@code findStatic}, {@code findVirtual},
 * {@code findSpecial}, {@code unreflect}, {@code bind}).</li>
 * </ul>
 * The inserted calls leave the operand stack as they found it, so the existing stack map frames stay valid
 * and nothing needs recomputing (which would need class loading). Method.invoke's check needs its three
 * operands, so they go through two fresh local slots above the method's own, and max stack grows by one.
 */
final class SnippetInstrumenter {
    private SnippetInstrumenter() {}

    private static final String INTERRUPTION = Interruption.class.getName().replace('.', '/');
    private static final String EXIT_GUARD = ExitGuard.class.getName().replace('.', '/');
    private static final String METHOD = "java/lang/reflect/Method";
    private static final String INVOKE_DESC = "(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String LOOKUP = "java/lang/invoke/MethodHandles$Lookup";
    private static final Set<String> GUARDED_LOOKUPS = Set.of("findStatic", "findVirtual", "findSpecial",
            "unreflect", "bind");

    static byte[] instrument(byte[] classBytes) {
        return instrument(classBytes, "check");
    }

    /** {@code check}: cell code, stopped on any thread; {@code checkLibrary}: only on the cell's thread. */
    private static byte[] instrument(byte[] classBytes, String checkMethod) {
        ClassReader reader = new ClassReader(classBytes);
        Map<String, Integer> maxLocals = mentions(classBytes, METHOD) ? maxLocals(reader) : Map.of();
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
                return target == null ? null
                        : new MethodRewriter(target, maxLocals.getOrDefault(name + descriptor, -1), checkMethod);
            }
        }, 0);
        return writer.toByteArray();
    }

    /**
     * A library class, instrumented like a snippet; when ASM cannot rewrite it (a method near the 64 KB
     * limit, a class file newer than ASM knows), the class is defined as it is, unguarded but working.
     */
    static byte[] instrumentLibrary(String className, byte[] classBytes) {
        try {
            return instrument(classBytes, "checkLibrary");
        } catch (RuntimeException e) {
            System.err.println("reflow: " + className + " is loaded without stop check and exit guard: " + e);
            return classBytes;
        }
    }

    /** Cheap pre-test on the constant pool's bytes: only classes that name Method need the local count pass. */
    private static boolean mentions(byte[] classBytes, String internalName) {
        byte[] needle = internalName.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= classBytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (classBytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static Map<String, Integer> maxLocals(ClassReader reader) {
        Map<String, Integer> locals = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int maxLocal) {
                        locals.put(name + descriptor, maxLocal);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return locals;
    }

    private static final class MethodRewriter extends MethodVisitor {
        private final Set<Label> seenLabels = new HashSet<>();
        private final int firstFreeLocal;
        private final String checkMethod;
        private boolean usedTemporaries;

        MethodRewriter(MethodVisitor target, int firstFreeLocal, String checkMethod) {
            super(Opcodes.ASM9, target);
            this.firstFreeLocal = firstFreeLocal;
            this.checkMethod = checkMethod;
        }

        private void insertCheck() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, INTERRUPTION, checkMethod, "()V", false);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            insertCheck();
        }

        @Override
        public void visitLabel(Label label) {
            seenLabels.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seenLabels.contains(label)) {
                insertCheck();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (anySeen(dflt, labels)) {
                insertCheck();
            }
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (anySeen(dflt, labels)) {
                insertCheck();
            }
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean anySeen(Label dflt, Label[] labels) {
            if (seenLabels.contains(dflt)) {
                return true;
            }
            for (Label l : labels) {
                if (seenLabels.contains(l)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String guard = exitGuardFor(owner, name, descriptor);
            if (guard != null) {
                String guardDescriptor = owner.equals("java/lang/Runtime") ? "(Ljava/lang/Runtime;I)V" : "(I)V";
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EXIT_GUARD, guard, guardDescriptor, false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(METHOD) && name.equals("invoke")
                    && descriptor.equals(INVOKE_DESC) && firstFreeLocal >= 0) {
                checkedReflectiveInvoke(opcode, owner, name, descriptor);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(LOOKUP) && GUARDED_LOOKUPS.contains(name)) {
                // Same operands, the Lookup first: ExitGuard's static twin checks the target, then delegates.
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EXIT_GUARD, name, "(L" + LOOKUP + ";" + descriptor.substring(1), false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        /**
         * [method, target, args] -> ExitGuard.checkInvoke(method, target, args), then the original invoke.
         * The call itself stays in this class, so Method.invoke's caller-sensitive access check is unchanged.
         */
        private void checkedReflectiveInvoke(int opcode, String owner, String name, String descriptor) {
            int target = firstFreeLocal;
            int args = firstFreeLocal + 1;
            usedTemporaries = true;
            super.visitVarInsn(Opcodes.ASTORE, args);
            super.visitVarInsn(Opcodes.ASTORE, target);
            super.visitInsn(Opcodes.DUP);
            super.visitVarInsn(Opcodes.ALOAD, target);
            super.visitVarInsn(Opcodes.ALOAD, args);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, EXIT_GUARD, "checkInvoke",
                    "(L" + METHOD + ";Ljava/lang/Object;[Ljava/lang/Object;)V", false);
            super.visitVarInsn(Opcodes.ALOAD, target);
            super.visitVarInsn(Opcodes.ALOAD, args);
            super.visitMethodInsn(opcode, owner, name, descriptor, false);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(usedTemporaries ? maxStack + 1 : maxStack, usedTemporaries ? maxLocals + 2 : maxLocals);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
            Object[] rewritten = args.clone();
            for (int i = 0; i < rewritten.length; i++) {
                if (rewritten[i] instanceof Handle h) {
                    String guard = exitGuardFor(h.getOwner(), h.getName(), h.getDesc());
                    if (guard != null) {
                        String desc = h.getOwner().equals("java/lang/Runtime") ? "(Ljava/lang/Runtime;I)V" : "(I)V";
                        rewritten[i] = new Handle(Opcodes.H_INVOKESTATIC, EXIT_GUARD, guard, desc, false);
                    }
                }
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, rewritten);
        }
    }

    /** The ExitGuard method replacing this call, or null when the call is harmless. */
    private static String exitGuardFor(String owner, String name, String descriptor) {
        if (!descriptor.equals("(I)V")) {
            return null;
        }
        if (owner.equals("java/lang/System") && name.equals("exit")) {
            return "systemExit";
        }
        if (owner.equals("java/lang/Runtime") && name.equals("exit")) {
            return "runtimeExit";
        }
        if (owner.equals("java/lang/Runtime") && name.equals("halt")) {
            return "runtimeHalt";
        }
        return null;
    }
}
