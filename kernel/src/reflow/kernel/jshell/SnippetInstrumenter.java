package reflow.kernel.jshell;

import java.util.HashSet;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the bytecode of every snippet class before it is defined:
 * <ul>
 * <li>a call to {@link Interruption#check()} at each method entry and before each backward branch, so a
 * stop request ends any loop or recursion;</li>
 * <li>System.exit / Runtime.exit / Runtime.halt (calls and method references) go to {@link ExitGuard}.</li>
 * </ul>
 * The inserted calls take and leave nothing on the operand stack, so max stack and the existing stack map
 * frames stay valid and nothing needs recomputing (which would need class loading).
 */
final class SnippetInstrumenter {
    private SnippetInstrumenter() {}

    private static final String INTERRUPTION = Interruption.class.getName().replace('.', '/');
    private static final String EXIT_GUARD = ExitGuard.class.getName().replace('.', '/');

    static byte[] instrument(byte[] classBytes) {
        ClassReader reader = new ClassReader(classBytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
                return target == null ? null : new MethodRewriter(target);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class MethodRewriter extends MethodVisitor {
        private final Set<Label> seenLabels = new HashSet<>();

        MethodRewriter(MethodVisitor target) {
            super(Opcodes.ASM9, target);
        }

        private void insertCheck() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, INTERRUPTION, "check", "()V", false);
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
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
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
