package reflow.kernel.spark;

import org.objectweb.asm.Type;

/** Primitive types and their box classes, for the bytecode the Spark glue generates. */
final class PrimitiveBoxes {
    private PrimitiveBoxes() {}

    private static final Type[] PRIMITIVES = {Type.BOOLEAN_TYPE, Type.CHAR_TYPE, Type.BYTE_TYPE, Type.SHORT_TYPE,
            Type.INT_TYPE, Type.FLOAT_TYPE, Type.LONG_TYPE, Type.DOUBLE_TYPE};

    static boolean isPrimitive(Type type) {
        return type.getSort() >= Type.BOOLEAN && type.getSort() <= Type.DOUBLE;
    }

    /** The box class of a primitive type ({@code int} -> {@code java/lang/Integer}), or null for other types. */
    static Type boxOf(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN -> Type.getObjectType("java/lang/Boolean");
            case Type.CHAR -> Type.getObjectType("java/lang/Character");
            case Type.BYTE -> Type.getObjectType("java/lang/Byte");
            case Type.SHORT -> Type.getObjectType("java/lang/Short");
            case Type.INT -> Type.getObjectType("java/lang/Integer");
            case Type.FLOAT -> Type.getObjectType("java/lang/Float");
            case Type.LONG -> Type.getObjectType("java/lang/Long");
            case Type.DOUBLE -> Type.getObjectType("java/lang/Double");
            default -> null;
        };
    }

    /** The primitive a box type holds, or null for other types. */
    static Type unboxed(Type type) {
        for (Type p : PRIMITIVES) {
            if (boxOf(p).equals(type)) {
                return p;
            }
        }
        return null;
    }
}
