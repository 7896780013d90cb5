package reflow.kernel.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Makes serializable lambdas written in cells carry the values of the cell variables they read.
 *
 * <p>A top-level cell variable is a static field of a JShell wrapper class ({@code REPL.$JShell$11.factor}).
 * A lambda that reads it reads the static of whichever JVM runs it: on a Spark executor that is a fresh,
 * never-initialised copy of the wrapper class (0, null). Java's own answer for values a lambda needs is
 * capture: locals are copied into the lambda object, and serialization ships them. This rewrite turns
 * the lambda's reads of cell variables into captured arguments:
 * <ul>
 * <li>the lambda's implementation method ({@code lambda$do_it$$0}) gets one extra leading parameter per
 * cell variable it reads, after its own captures, and reads the parameter instead of the static;</li>
 * <li>the {@code invokedynamic} that creates the lambda pushes the current values first (so the value is
 * taken when the lambda is created, as for a captured local), checked by {@link CapturedVariables#travel}
 * on the driver so a value that cannot be serialized fails there, naming the variable;</li>
 * <li>{@code $deserializeLambda$}, which rebuilds the lambda from its {@code SerializedLambda} on the
 * other side, gets a front door that knows the new signatures; other lambdas go to javac's original.</li>
 * </ul>
 * Only serializable lambdas (those a distributed engine ships) change, and only their reads of cell
 * variables; a lambda that assigns a cell variable keeps reading and writing that static. The executors
 * get the rewrite without the driver-side check ({@code withChecks=false}), the driver with it: both
 * agree on the lambda's shape, which is all deserialization needs.
 */
public final class ClosureCapture {
    private ClosureCapture() {}

    /** JShell's wrapper classes: REPL/$JShell$12, never their nested (user-declared) classes. */
    private static final Pattern WRAPPER = Pattern.compile("REPL/\\$JShell\\$\\d+[A-Z]*");
    private static final String DESERIALIZE = "$deserializeLambda$";
    private static final String DESERIALIZE_DESC = "(Ljava/lang/invoke/SerializedLambda;)Ljava/lang/Object;";
    private static final String ORIGINAL_DESERIALIZE = "$deserializeLambda$reflow$javac";
    private static final String SERIALIZED_LAMBDA = "java/lang/invoke/SerializedLambda";
    private static final String ALT_METAFACTORY = "altMetafactory";
    private static final int FLAG_SERIALIZABLE = 1;
    static final String CHECK_OWNER = CapturedVariables.class.getName().replace('.', '/');
    static final String CHECK_DESC = "(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/Object;";

    /** One cell variable a lambda reads. */
    record Variable(String owner, String name, String descriptor) {
        Type type() {
            return Type.getType(descriptor);
        }
    }

    /** A lambda implementation method to rewrite and the variables it gets as extra parameters. */
    private record Lambda(String name, String descriptor, String newDescriptor, int insertSlot,
                          List<Variable> variables, boolean isStatic) {
        int extraSlots() {
            return variables.stream().mapToInt(v -> v.type().getSize()).sum();
        }
    }

    /** An invokedynamic site creating a rewritten lambda, as the new $deserializeLambda$ must repeat it. */
    private record Site(String name, String descriptor, Handle bootstrap, Object[] arguments, Lambda lambda) {}

    /** Cheap pre-test: only classes with a serializable lambda have javac's {@code $deserializeLambda$}. */
    static boolean mayNeedRewrite(byte[] classBytes) {
        byte[] needle = DESERIALIZE.getBytes(StandardCharsets.US_ASCII);
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

    /** The class with its serializable lambdas capturing the cell variables they read (or unchanged). */
    public static byte[] rewrite(byte[] classBytes, boolean withChecks) {
        if (!mayNeedRewrite(classBytes)) {
            return classBytes;
        }
        ClassReader reader = new ClassReader(classBytes);
        Scan scan = new Scan();
        reader.accept(scan, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        Map<String, Lambda> lambdas = scan.lambdasToRewrite();
        if (lambdas.isEmpty() || !scan.hasDeserializer) {
            return classBytes;
        }
        ClassWriter writer = new ClassWriter(0);
        List<Site> sites = new ArrayList<>();
        reader.accept(new Rewrite(writer, lambdas, sites, withChecks), ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    // ---- pass 1: which lambdas read which cell variables -------------------------------------------

    private static final class Scan extends ClassVisitor {
        String className;
        boolean hasDeserializer;
        /** lambda method name+desc -> variables read (in order), and those it assigns. */
        final Map<String, List<Variable>> reads = new LinkedHashMap<>();
        final Map<String, List<Variable>> writes = new LinkedHashMap<>();
        /** lambda method name+desc -> number of captured values before the lambda's own parameters. */
        final Map<String, Integer> capturedCounts = new LinkedHashMap<>();
        final Map<String, Boolean> statics = new LinkedHashMap<>();

        Scan() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals(DESERIALIZE) && descriptor.equals(DESERIALIZE_DESC)) {
                hasDeserializer = true;
            }
            boolean lambda = (access & Opcodes.ACC_SYNTHETIC) != 0 && name.startsWith("lambda$");
            String key = name + descriptor;
            if (lambda) {
                statics.put(key, (access & Opcodes.ACC_STATIC) != 0);
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                    if (lambda && WRAPPER.matcher(owner).matches()) {
                        Variable v = new Variable(owner, field, fieldDescriptor);
                        Map<String, List<Variable>> into = opcode == Opcodes.GETSTATIC ? reads
                                : opcode == Opcodes.PUTSTATIC ? writes : null;
                        if (into != null) {
                            List<Variable> list = into.computeIfAbsent(key, k -> new ArrayList<>());
                            if (!list.contains(v)) {
                                list.add(v);
                            }
                        }
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String indyName, String indyDesc, Handle bootstrap, Object... args) {
                    Handle impl = serializableLambdaImpl(className, bootstrap, args);
                    if (impl != null) {
                        int captured = Type.getArgumentTypes(indyDesc).length
                                - (impl.getTag() == Opcodes.H_INVOKESTATIC ? 0 : 1);
                        capturedCounts.put(impl.getName() + impl.getDesc(), captured);
                    }
                }
            };
        }

        Map<String, Lambda> lambdasToRewrite() {
            Map<String, Lambda> result = new LinkedHashMap<>();
            reads.forEach((key, variables) -> {
                Integer captured = capturedCounts.get(key);
                if (captured == null) {
                    return; // not a serializable lambda's body
                }
                List<Variable> travelling = new ArrayList<>(variables);
                travelling.removeAll(writes.getOrDefault(key, List.of()));
                if (travelling.isEmpty()) {
                    return;
                }
                int paren = key.indexOf('(');
                String name = key.substring(0, paren);
                String desc = key.substring(paren);
                boolean isStatic = statics.getOrDefault(key, true);
                Type[] params = Type.getArgumentTypes(desc);
                List<Type> newParams = new ArrayList<>(List.of(params).subList(0, captured));
                travelling.forEach(v -> newParams.add(v.type()));
                newParams.addAll(List.of(params).subList(captured, params.length));
                String newDesc = Type.getMethodDescriptor(Type.getReturnType(desc), newParams.toArray(Type[]::new));
                int slot = isStatic ? 0 : 1;
                for (int i = 0; i < captured; i++) {
                    slot += params[i].getSize();
                }
                result.put(key, new Lambda(name, desc, newDesc, slot, List.copyOf(travelling), isStatic));
            });
            return result;
        }
    }

    /** The implementation handle of a serializable lambda created in {@code className}, else null. */
    private static Handle serializableLambdaImpl(String className, Handle bootstrap, Object[] args) {
        if (!bootstrap.getOwner().equals("java/lang/invoke/LambdaMetafactory")
                || !bootstrap.getName().equals(ALT_METAFACTORY) || args.length < 4
                || !(args[1] instanceof Handle impl) || !(args[3] instanceof Integer flags)
                || (flags & FLAG_SERIALIZABLE) == 0 || !impl.getOwner().equals(className)) {
            return null;
        }
        return impl;
    }

    // ---- pass 2: the rewrite -----------------------------------------------------------------------

    private static final class Rewrite extends ClassVisitor {
        private final Map<String, Lambda> lambdas;
        private final List<Site> sites;
        private final boolean withChecks;
        private String className;

        Rewrite(ClassVisitor next, Map<String, Lambda> lambdas, List<Site> sites, boolean withChecks) {
            super(Opcodes.ASM9, next);
            this.lambdas = lambdas;
            this.sites = sites;
            this.withChecks = withChecks;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals(DESERIALIZE) && descriptor.equals(DESERIALIZE_DESC)) {
                // javac's version stays for the lambdas left alone; the front door is added at the end.
                // (Its branches for rewritten lambdas compare the old signature, so they are never taken.)
                return super.visitMethod(access, ORIGINAL_DESERIALIZE, descriptor, signature, exceptions);
            }
            Lambda lambda = lambdas.get(name + descriptor);
            if (lambda != null) {
                MethodVisitor target = super.visitMethod(access, name, lambda.newDescriptor(), null, exceptions);
                return siteRewriter(new LambdaBodyRewriter(target, lambda));
            }
            return siteRewriter(super.visitMethod(access, name, descriptor, signature, exceptions));
        }

        private MethodVisitor siteRewriter(MethodVisitor target) {
            return new MethodVisitor(Opcodes.ASM9, target) {
                private int extraStack;

                @Override
                public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
                    Handle impl = serializableLambdaImpl(className, bootstrap, args);
                    Lambda lambda = impl == null ? null : lambdas.get(impl.getName() + impl.getDesc());
                    if (lambda == null) {
                        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, args);
                        return;
                    }
                    for (Variable v : lambda.variables()) {
                        super.visitFieldInsn(Opcodes.GETSTATIC, v.owner(), v.name(), v.descriptor());
                        if (withChecks && isReference(v.type())) {
                            super.visitLdcInsn(v.name());
                            super.visitLdcInsn(v.owner().replace('/', '.'));
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, CHECK_OWNER, "travel", CHECK_DESC, false);
                            super.visitTypeInsn(Opcodes.CHECKCAST, v.type().getInternalName());
                        }
                    }
                    extraStack = Math.max(extraStack, lambda.extraSlots() + 2);
                    Site site = newSite(name, descriptor, bootstrap, args, impl, lambda);
                    if (sites.stream().noneMatch(s -> s.lambda() == lambda)) {
                        sites.add(site);
                    }
                    super.visitInvokeDynamicInsn(site.name(), site.descriptor(), site.bootstrap(), site.arguments());
                }

                @Override
                public void visitMaxs(int maxStack, int maxLocals) {
                    super.visitMaxs(maxStack + extraStack, maxLocals);
                }
            };
        }

        private Site newSite(String name, String descriptor, Handle bootstrap, Object[] args, Handle impl, Lambda lambda) {
            List<Type> params = new ArrayList<>(List.of(Type.getArgumentTypes(descriptor)));
            lambda.variables().forEach(v -> params.add(v.type()));
            String newDescriptor = Type.getMethodDescriptor(Type.getReturnType(descriptor), params.toArray(Type[]::new));
            Object[] newArgs = args.clone();
            newArgs[1] = new Handle(impl.getTag(), impl.getOwner(), impl.getName(), lambda.newDescriptor(), impl.isInterface());
            return new Site(name, newDescriptor, bootstrap, newArgs, lambda);
        }

        @Override
        public void visitEnd() {
            writeDeserializer();
            super.visitEnd();
        }

        /**
         * {@code $deserializeLambda$(SerializedLambda)}: for each rewritten lambda (same implementation
         * name and new signature), the captured arguments unboxed and the same invokedynamic; everything
         * else goes to javac's original, renamed.
         */
        private void writeDeserializer() {
            MethodVisitor mv = super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                    DESERIALIZE, DESERIALIZE_DESC, null, null);
            mv.visitCode();
            int maxStack = 2;
            Object[] locals = {SERIALIZED_LAMBDA};
            for (Site site : sites) {
                Label next = new Label();
                compare(mv, "getImplMethodName", site.lambda().name(), next);
                compare(mv, "getImplMethodSignature", site.lambda().newDescriptor(), next);
                Type[] captured = Type.getArgumentTypes(site.descriptor());
                int stack = 0;
                for (int i = 0; i < captured.length; i++) {
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                    mv.visitLdcInsn(i);
                    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SERIALIZED_LAMBDA, "getCapturedArg",
                            "(I)Ljava/lang/Object;", false);
                    unbox(mv, captured[i]);
                    stack += captured[i].getSize();
                }
                maxStack = Math.max(maxStack, stack + 2);
                mv.visitInvokeDynamicInsn(site.name(), site.descriptor(), site.bootstrap(), site.arguments());
                mv.visitInsn(Opcodes.ARETURN);
                mv.visitLabel(next);
                mv.visitFrame(Opcodes.F_NEW, 1, locals, 0, new Object[0]);
            }
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, className, ORIGINAL_DESERIALIZE, DESERIALIZE_DESC, false);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitMaxs(maxStack, 1);
            mv.visitEnd();
        }

        private static void compare(MethodVisitor mv, String getter, String expected, Label otherwise) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SERIALIZED_LAMBDA, getter, "()Ljava/lang/String;", false);
            mv.visitLdcInsn(expected);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/String", "equals", "(Ljava/lang/Object;)Z", false);
            mv.visitJumpInsn(Opcodes.IFEQ, otherwise);
        }
    }

    private static boolean isReference(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }

    /** Object on the stack -> a value of {@code type} (unboxed for primitives). */
    private static void unbox(MethodVisitor mv, Type type) {
        String box = switch (type.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.CHAR -> "java/lang/Character";
            case Type.BYTE -> "java/lang/Byte";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.FLOAT -> "java/lang/Float";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            default -> null;
        };
        if (box == null) {
            mv.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
        } else {
            mv.visitTypeInsn(Opcodes.CHECKCAST, box);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, box, type.getClassName() + "Value", "()" + type.getDescriptor(), false);
        }
    }

    /** The lambda body: cell-variable reads become reads of the new parameters; later locals move up. */
    private static final class LambdaBodyRewriter extends MethodVisitor {
        private final Lambda lambda;
        private final int shift;

        LambdaBodyRewriter(MethodVisitor target, Lambda lambda) {
            super(Opcodes.ASM9, target);
            this.lambda = lambda;
            this.shift = lambda.extraSlots();
        }

        private int moved(int slot) {
            return slot >= lambda.insertSlot() ? slot + shift : slot;
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (opcode == Opcodes.GETSTATIC) {
                int slot = lambda.insertSlot();
                for (Variable v : lambda.variables()) {
                    if (v.owner().equals(owner) && v.name().equals(name) && v.descriptor().equals(descriptor)) {
                        super.visitVarInsn(v.type().getOpcode(Opcodes.ILOAD), slot);
                        return;
                    }
                    slot += v.type().getSize();
                }
            }
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitVarInsn(int opcode, int slot) {
            super.visitVarInsn(opcode, moved(slot));
        }

        @Override
        public void visitIincInsn(int slot, int increment) {
            super.visitIincInsn(moved(slot), increment);
        }

        @Override
        public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end, int index) {
            super.visitLocalVariable(name, descriptor, signature, start, end, moved(index));
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            // EXPAND_FRAMES: every frame lists all locals; long/double take one entry for two slots.
            List<Object> locals = new ArrayList<>();
            int slot = 0;
            boolean inserted = false;
            for (int i = 0; i < numLocal; i++) {
                if (!inserted && slot >= lambda.insertSlot()) {
                    lambda.variables().forEach(v -> locals.add(frameType(v.type())));
                    inserted = true;
                }
                locals.add(local[i]);
                slot += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
            }
            if (!inserted && slot >= lambda.insertSlot()) {
                lambda.variables().forEach(v -> locals.add(frameType(v.type())));
            }
            super.visitFrame(type, locals.size(), locals.toArray(), numStack, stack);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(maxStack, maxLocals + shift);
        }

        private static Object frameType(Type type) {
            return switch (type.getSort()) {
                case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> Opcodes.INTEGER;
                case Type.FLOAT -> Opcodes.FLOAT;
                case Type.LONG -> Opcodes.LONG;
                case Type.DOUBLE -> Opcodes.DOUBLE;
                default -> type.getInternalName();
            };
        }
    }
}
