package reflow.kernel.spark;

import static reflow.kernel.spark.ClosureCapture.ALT_METAFACTORY;
import static reflow.kernel.spark.ClosureCapture.FLAG_SERIALIZABLE;
import static reflow.kernel.spark.ClosureCapture.OBJECT;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A serializable method reference into cell code ({@code Rate::apply}, {@code rate::apply},
 * {@code Word::new}) whose code reads cell variables. The referenced method cannot take one more
 * parameter (others call it), so the reference becomes a lambda: a bridge method in the class that makes
 * the reference, with the reference's own signature plus the {@link ShippedCellVariables}, that calls the
 * method. Part of {@link ClosureCapture}'s rewrite.
 */
record MethodReferenceBridge(String className, String indyDescriptor, Handle impl, Type instantiated,
                             String bridgeName, String shipped) {
    static MethodReferenceBridge of(String className, String indyDescriptor, Handle bootstrap, Object[] args) {
        if (!bootstrap.getOwner().equals("java/lang/invoke/LambdaMetafactory")
                || !bootstrap.getName().equals(ALT_METAFACTORY) || args.length < 4
                || !(args[1] instanceof Handle impl) || !(args[2] instanceof Type instantiated)
                || !(args[3] instanceof Integer flags) || (flags & FLAG_SERIALIZABLE) == 0
                || !impl.getOwner().startsWith(CellClassIndex.REPL)
                || (impl.getOwner().equals(className) && impl.getName().startsWith("lambda$"))) {
            return null;
        }
        int tag = impl.getTag();
        boolean receiver = tag == Opcodes.H_INVOKEVIRTUAL || tag == Opcodes.H_INVOKEINTERFACE;
        if (!receiver && tag != Opcodes.H_INVOKESTATIC && tag != Opcodes.H_NEWINVOKESPECIAL) {
            return null; // super::method: left as it is
        }
        int values = Type.getArgumentTypes(indyDescriptor).length + instantiated.getArgumentTypes().length;
        if (values != (receiver ? 1 : 0) + Type.getArgumentTypes(impl.getDesc()).length) {
            return null; // varargs adaptation: left as it is
        }
        return new MethodReferenceBridge(className, indyDescriptor, impl, instantiated, null, null);
    }

    String key() {
        return impl + indyDescriptor + instantiated.getDescriptor();
    }

    MethodReferenceBridge bridged(int number, String spec) {
        return new MethodReferenceBridge(className, indyDescriptor, impl, instantiated,
                "lambda$reflow$reference$" + number, spec);
    }

    private List<Type> capturedTypes() {
        return List.of(Type.getArgumentTypes(indyDescriptor));
    }

    String bridgeDescriptor() {
        List<Type> params = new ArrayList<>(capturedTypes());
        params.add(OBJECT);
        params.addAll(List.of(instantiated.getArgumentTypes()));
        return Type.getMethodDescriptor(instantiated.getReturnType(), params.toArray(Type[]::new));
    }

    /** The invokedynamic, now creating a lambda of the bridge that also captures the shipped variables. */
    ClosureCapture.Site site(String name, Handle bootstrap, Object[] args, boolean inInterface) {
        List<Type> captured = new ArrayList<>(capturedTypes());
        captured.add(OBJECT);
        String descriptor = Type.getMethodDescriptor(Type.getReturnType(indyDescriptor), captured.toArray(Type[]::new));
        Object[] newArgs = args.clone();
        newArgs[1] = new Handle(Opcodes.H_INVOKESTATIC, className, bridgeName, bridgeDescriptor(), inInterface);
        ClosureCapture.Lambda lambda = new ClosureCapture.Lambda(bridgeName, bridgeDescriptor(), bridgeDescriptor(), 0, List.of(), shipped, true);
        return new ClosureCapture.Site(name, descriptor, bootstrap, newArgs, lambda);
    }

    /** {@code static R bridge(captured..., Object shipped, params...) { return impl(captured..., params...); }} */
    void writeBridge(ClassVisitor cv) {
        MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                bridgeName, bridgeDescriptor(), null, null);
        mv.visitCode();
        List<Type> types = new ArrayList<>(capturedTypes());
        types.addAll(List.of(instantiated.getArgumentTypes()));
        List<Integer> slots = new ArrayList<>();
        int slot = 0;
        for (int i = 0; i < types.size(); i++) {
            if (i == capturedTypes().size()) {
                slot++; // the shipped variables: only carried
            }
            slots.add(slot);
            slot += types.get(i).getSize();
        }
        int tag = impl.getTag();
        Type owner = Type.getObjectType(impl.getOwner());
        Type[] implArgs = Type.getArgumentTypes(impl.getDesc());
        int next = 0;
        if (tag == Opcodes.H_NEWINVOKESPECIAL) {
            mv.visitTypeInsn(Opcodes.NEW, impl.getOwner());
            mv.visitInsn(Opcodes.DUP);
        } else if (tag != Opcodes.H_INVOKESTATIC) {
            load(mv, types.get(0), slots.get(0));
            adapt(mv, types.get(0), owner);
            next = 1;
        }
        for (Type arg : implArgs) {
            load(mv, types.get(next), slots.get(next));
            adapt(mv, types.get(next), arg);
            next++;
        }
        Type result;
        switch (tag) {
            case Opcodes.H_NEWINVOKESPECIAL -> {
                mv.visitMethodInsn(Opcodes.INVOKESPECIAL, impl.getOwner(), "<init>", impl.getDesc(), false);
                result = owner;
            }
            case Opcodes.H_INVOKESTATIC -> {
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, impl.getOwner(), impl.getName(), impl.getDesc(), impl.isInterface());
                result = Type.getReturnType(impl.getDesc());
            }
            default -> {
                mv.visitMethodInsn(tag == Opcodes.H_INVOKEINTERFACE ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL,
                        impl.getOwner(), impl.getName(), impl.getDesc(), tag == Opcodes.H_INVOKEINTERFACE);
                result = Type.getReturnType(impl.getDesc());
            }
        }
        Type returned = instantiated.getReturnType();
        if (returned.getSort() == Type.VOID) {
            if (result.getSize() > 0) {
                mv.visitInsn(result.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP);
            }
            mv.visitInsn(Opcodes.RETURN);
        } else {
            adapt(mv, result, returned);
            mv.visitInsn(returned.getOpcode(Opcodes.IRETURN));
        }
        mv.visitMaxs(2 * slot + 6, slot);
        mv.visitEnd();
    }

    private static void load(MethodVisitor mv, Type type, int slot) {
        mv.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slot);
    }

    /** What LambdaMetafactory would do between the two types: cast, box, unbox, widen. */
    private static void adapt(MethodVisitor mv, Type from, Type to) {
        if (from.equals(to)) {
            return;
        }
        boolean fromPrimitive = PrimitiveBoxes.isPrimitive(from);
        boolean toPrimitive = PrimitiveBoxes.isPrimitive(to);
        if (!fromPrimitive && !toPrimitive) {
            mv.visitTypeInsn(Opcodes.CHECKCAST, to.getInternalName());
        } else if (!fromPrimitive) {
            Type primitive = PrimitiveBoxes.unboxed(from);
            if (primitive == null) {
                primitive = to;
                mv.visitTypeInsn(Opcodes.CHECKCAST, PrimitiveBoxes.boxOf(to).getInternalName());
            }
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, PrimitiveBoxes.boxOf(primitive).getInternalName(),
                    primitive.getClassName() + "Value", "()" + primitive.getDescriptor(), false);
            widen(mv, primitive, to);
        } else if (!toPrimitive) {
            Type box = PrimitiveBoxes.boxOf(from);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, box.getInternalName(), "valueOf",
                    "(" + from.getDescriptor() + ")" + box.getDescriptor(), false);
            if (!to.equals(box) && !to.getInternalName().equals("java/lang/Object")
                    && !to.getInternalName().equals("java/lang/Number")) {
                mv.visitTypeInsn(Opcodes.CHECKCAST, to.getInternalName());
            }
        } else {
            widen(mv, from, to);
        }
    }

    private static void widen(MethodVisitor mv, Type from, Type to) {
        int f = from.getSort();
        int t = to.getSort();
        boolean intLike = f == Type.INT || f == Type.SHORT || f == Type.BYTE || f == Type.CHAR;
        if (f == t || (intLike && (t == Type.INT || t == Type.SHORT || t == Type.BYTE || t == Type.CHAR))) {
            return;
        }
        if (intLike) {
            mv.visitInsn(t == Type.LONG ? Opcodes.I2L : t == Type.FLOAT ? Opcodes.I2F : Opcodes.I2D);
        } else if (f == Type.LONG) {
            mv.visitInsn(t == Type.FLOAT ? Opcodes.L2F : Opcodes.L2D);
        } else if (f == Type.FLOAT) {
            mv.visitInsn(Opcodes.F2D);
        }
    }
}
