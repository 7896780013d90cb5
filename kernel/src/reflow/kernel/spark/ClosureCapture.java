package reflow.kernel.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
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
 * variables; a lambda that assigns a cell variable keeps reading and writing that static.
 *
 * <p>Cell variables read indirectly (by a cell method the lambda calls, a cell class it uses, an anonymous
 * class...; see {@link ReachableCellVariables}) travel in a {@link ShippedCellVariables}: the lambda
 * captures one more value, and a serializable cell class (anonymous or not, records excepted) whose code
 * reads cell variables gets a field holding one, set by its constructors. Those take the values when the
 * closure is serialized (when a job is submitted) and set them on the executor before the code runs. A
 * serializable method reference into such code ({@code rate::apply}) becomes a lambda of a bridge method
 * ({@link MethodReferenceBridge}), since the referenced method itself cannot take one more parameter.
 * Serializable cell classes also get a {@code serialVersionUID} if they lack one, derived from JShell's
 * bytes: the driver's copy is instrumented and widened, the executors' is not, and Java's computed default
 * would differ between the two.
 *
 * <p>The executors get the rewrite without the driver-side checks ({@code withChecks=false}), the driver
 * with them: both agree on the lambda's shape, which is all deserialization needs.
 */
public final class ClosureCapture {
    private ClosureCapture() {}

    private static final String DESERIALIZE = "$deserializeLambda$";
    private static final String DESERIALIZE_DESC = "(Ljava/lang/invoke/SerializedLambda;)Ljava/lang/Object;";
    private static final String ORIGINAL_DESERIALIZE = "$deserializeLambda$reflow$javac";
    private static final String SERIALIZED_LAMBDA = "java/lang/invoke/SerializedLambda";
    static final String ALT_METAFACTORY = "altMetafactory";
    static final int FLAG_SERIALIZABLE = 1;
    static final String CHECK_OWNER = CapturedVariables.class.getName().replace('.', '/');
    static final String CHECK_DESC = "(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/String;)Ljava/lang/Object;";
    static final String REACHED_DESC = "(Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;";
    static final String SHIPPED_OWNER = ShippedCellVariables.class.getName().replace('.', '/');
    static final String CAPTURE_DESC = "(Ljava/lang/String;Ljava/lang/Class;)L" + SHIPPED_OWNER + ";";
    /** Where the value is made: a lambda (checked on the driver) or an object's constructor (not checked). */
    private enum ShippedBy { LAMBDA, OBJECT }
    static final String SHIPPED_FIELD = "reflow$shippedCellVariables";
    static final Type OBJECT = Type.getObjectType("java/lang/Object");

    /** One cell variable a lambda reads. */
    record Variable(String owner, String name, String descriptor) {
        Type type() {
            return Type.getType(descriptor);
        }
    }

    /**
     * A lambda implementation method to rewrite: the variables it gets as extra parameters, then (when
     * {@code shipped} lists some) the {@link ShippedCellVariables} of the variables its callees read.
     */
    record Lambda(String name, String descriptor, String newDescriptor, int insertSlot,
                          List<Variable> variables, String shipped, boolean isStatic) {
        int extraSlots() {
            return variables.stream().mapToInt(v -> v.type().getSize()).sum() + (shipped == null ? 0 : 1);
        }

        List<Type> extraTypes() {
            List<Type> types = new ArrayList<>(variables.stream().map(Variable::type).toList());
            if (shipped != null) {
                types.add(OBJECT);
            }
            return types;
        }
    }

    /**
     * What a serializable cell class gets: a serialVersionUID (null: it has one) and, when its code reads
     * cell variables, the spec of the {@link ShippedCellVariables} its constructors store.
     */
    private record ClassPlan(Long serialVersionUID, String shipped) {
        static final ClassPlan NONE = new ClassPlan(null, null);

        boolean isEmpty() {
            return serialVersionUID == null && shipped == null;
        }
    }

    /** An invokedynamic site creating a rewritten lambda, as the new $deserializeLambda$ must repeat it. */
    record Site(String name, String descriptor, Handle bootstrap, Object[] arguments, Lambda lambda) {}

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

    /**
     * The class with its serializable lambdas and objects carrying the cell variables they read (or
     * unchanged). {@code cells} knows the snippet classes defined so far and this one's batch-mates.
     */
    public static byte[] rewrite(byte[] classBytes, boolean withChecks, CellClassIndex cells) {
        cells.add(classBytes);
        ClassReader reader = new ClassReader(classBytes);
        Map<String, Lambda> lambdas = Map.of();
        Map<String, MethodReferenceBridge> references = Map.of();
        if (mayNeedRewrite(classBytes)) {
            Scan scan = new Scan(cells);
            reader.accept(scan, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            if (scan.hasDeserializer) {
                lambdas = scan.lambdasToRewrite();
                references = scan.methodReferences;
            }
        }
        ClassPlan plan = classPlan(cells, reader.getClassName(), classBytes);
        if (lambdas.isEmpty() && references.isEmpty() && plan.isEmpty()) {
            return classBytes;
        }
        ClassWriter writer = new ClassWriter(0);
        List<Site> sites = new ArrayList<>();
        reader.accept(new Rewrite(writer, lambdas, references, plan, sites, withChecks), ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    private static ClassPlan classPlan(CellClassIndex cells, String className, byte[] classBytes) {
        CellClassIndex.ClassInfo c = cells.get(className);
        if (c == null || c.isInterface() || c.isRecordOrEnum() || c.isWrapper() || !cells.isSerializable(className)) {
            return ClassPlan.NONE;
        }
        Long uid = null;
        if (!c.declaresSerialVersionUID()) {
            CRC32 crc = new CRC32();
            crc.update(classBytes);
            uid = (crc.getValue() << 32) ^ classBytes.length ^ className.hashCode();
        }
        boolean concrete = (c.access() & Opcodes.ACC_ABSTRACT) == 0;
        String shipped = concrete ? spec(ReachableCellVariables.fromClass(cells, className)) : null;
        return new ClassPlan(uid, shipped);
    }

    /** {@link ShippedCellVariables#capture}'s spec: one line per variable, owner, name and reader; null if none. */
    static String spec(Map<CellClassIndex.FieldRef, String> reached) {
        if (reached.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        reached.forEach((field, reader) -> text.append(text.isEmpty() ? "" : "\n")
                .append(field.owner().replace('/', '.')).append('\t').append(field.name()).append('\t').append(reader));
        return text.toString();
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
        /** Serializable method references to cell code that reads cell variables, by site. */
        final Map<String, MethodReferenceBridge> methodReferences = new LinkedHashMap<>();
        private final CellClassIndex cells;

        Scan(CellClassIndex cells) {
            super(Opcodes.ASM9);
            this.cells = cells;
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
                    if (lambda && CellClassIndex.WRAPPER.matcher(owner).matches()) {
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
                    MethodReferenceBridge ref = MethodReferenceBridge.of(className, indyDesc, bootstrap, args);
                    if (ref != null && !methodReferences.containsKey(ref.key())) {
                        String shipped = spec(ReachableCellVariables.fromReference(cells, ref.impl()));
                        if (shipped != null) {
                            methodReferences.put(ref.key(), ref.bridged(methodReferences.size(), shipped));
                        }
                    }
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
            capturedCounts.forEach((key, captured) -> {
                if (!statics.containsKey(key)) {
                    return; // a method reference to an ordinary method: its signature is its callers' too
                }
                List<Variable> travelling = new ArrayList<>(reads.getOrDefault(key, List.of()));
                travelling.removeAll(writes.getOrDefault(key, List.of()));
                int paren = key.indexOf('(');
                String name = key.substring(0, paren);
                String desc = key.substring(paren);
                String shipped = spec(ReachableCellVariables.fromLambda(cells, className, name, desc));
                if (travelling.isEmpty() && shipped == null) {
                    return;
                }
                boolean isStatic = statics.getOrDefault(key, true);
                Type[] params = Type.getArgumentTypes(desc);
                List<Type> newParams = new ArrayList<>(List.of(params).subList(0, captured));
                travelling.forEach(v -> newParams.add(v.type()));
                if (shipped != null) {
                    newParams.add(OBJECT);
                }
                newParams.addAll(List.of(params).subList(captured, params.length));
                String newDesc = Type.getMethodDescriptor(Type.getReturnType(desc), newParams.toArray(Type[]::new));
                int slot = isStatic ? 0 : 1;
                for (int i = 0; i < captured; i++) {
                    slot += params[i].getSize();
                }
                result.put(key, new Lambda(name, desc, newDesc, slot, List.copyOf(travelling), shipped, isStatic));
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
        private final Map<String, MethodReferenceBridge> references;
        private final ClassPlan plan;
        private final List<Site> sites;
        private final boolean withChecks;
        private String className;
        private String superName;
        private boolean inInterface;

        Rewrite(ClassVisitor next, Map<String, Lambda> lambdas, Map<String, MethodReferenceBridge> references, ClassPlan plan,
                List<Site> sites, boolean withChecks) {
            super(Opcodes.ASM9, next);
            this.lambdas = lambdas;
            this.references = references;
            this.plan = plan;
            this.sites = sites;
            this.withChecks = withChecks;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
            this.superName = superName;
            this.inInterface = (access & Opcodes.ACC_INTERFACE) != 0;
            super.visit(version, access, name, signature, superName, interfaces);
        }

        private boolean rewritesSites() {
            return !lambdas.isEmpty() || !references.isEmpty();
        }

        /**
         * Pushes the {@link ShippedCellVariables} for {@code spec}: on the driver, through {@link
         * CapturedVariables}, which checks a lambda's values at once.
         */
        private void pushShipped(MethodVisitor mv, String spec, ShippedBy by) {
            mv.visitLdcInsn(spec);
            mv.visitLdcInsn(Type.getObjectType(className));
            if (withChecks && by == ShippedBy.LAMBDA) {
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, CHECK_OWNER, "reached", REACHED_DESC, false);
            } else if (withChecks) {
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, CHECK_OWNER, "shipped", CAPTURE_DESC, false);
            } else {
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, SHIPPED_OWNER, "capture", CAPTURE_DESC, false);
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            if (name.equals(DESERIALIZE) && descriptor.equals(DESERIALIZE_DESC) && rewritesSites()) {
                // javac's version stays for the lambdas left alone; the front door is added at the end.
                // (Its branches for rewritten lambdas compare the old signature, so they are never taken.)
                return super.visitMethod(access, ORIGINAL_DESERIALIZE, descriptor, signature, exceptions);
            }
            Lambda lambda = lambdas.get(name + descriptor);
            if (lambda != null) {
                MethodVisitor target = super.visitMethod(access, name, lambda.newDescriptor(), null, exceptions);
                return siteRewriter(new LambdaBodyRewriter(target, lambda));
            }
            MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (name.equals("<init>") && plan.shipped() != null) {
                target = new ConstructorRewriter(target);
            }
            return siteRewriter(target);
        }

        /** After the superclass constructor returns: {@code this.reflow$shippedCellVariables = ...}. */
        private final class ConstructorRewriter extends MethodVisitor {
            /** Objects created (NEW) whose constructor has not been called yet: theirs are not ours. */
            private int pendingNews;
            private boolean done;

            ConstructorRewriter(MethodVisitor target) {
                super(Opcodes.ASM9, target);
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                if (opcode == Opcodes.NEW) {
                    pendingNews++;
                }
                super.visitTypeInsn(opcode, type);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                if (opcode != Opcodes.INVOKESPECIAL || !name.equals("<init>") || done) {
                    return;
                }
                if (pendingNews > 0) {
                    pendingNews--;
                    return;
                }
                done = true; // this(...) or super(...): only super's callers store the field, once
                if (owner.equals(superName) && !owner.equals(className)) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    pushShipped(mv, plan.shipped(), ShippedBy.OBJECT);
                    super.visitFieldInsn(Opcodes.PUTFIELD, className, SHIPPED_FIELD, OBJECT.getDescriptor());
                }
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(maxStack + 3, maxLocals);
            }
        }

        private MethodVisitor siteRewriter(MethodVisitor target) {
            return new MethodVisitor(Opcodes.ASM9, target) {
                private int extraStack;

                @Override
                public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
                    MethodReferenceBridge ref = MethodReferenceBridge.of(className, descriptor, bootstrap, args);
                    MethodReferenceBridge bridged = ref == null ? null : references.get(ref.key());
                    if (bridged != null) {
                        pushShipped(mv, bridged.shipped(), ShippedBy.LAMBDA);
                        extraStack = Math.max(extraStack, 3);
                        Site site = bridged.site(name, bootstrap, args, inInterface);
                        if (sites.stream().noneMatch(s -> s.lambda().name().equals(site.lambda().name()))) {
                            sites.add(site);
                        }
                        super.visitInvokeDynamicInsn(site.name(), site.descriptor(), site.bootstrap(), site.arguments());
                        return;
                    }
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
                    if (lambda.shipped() != null) {
                        pushShipped(mv, lambda.shipped(), ShippedBy.LAMBDA);
                    }
                    extraStack = Math.max(extraStack, lambda.extraSlots() + 3);
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
            params.addAll(lambda.extraTypes());
            String newDescriptor = Type.getMethodDescriptor(Type.getReturnType(descriptor), params.toArray(Type[]::new));
            Object[] newArgs = args.clone();
            newArgs[1] = new Handle(impl.getTag(), impl.getOwner(), impl.getName(), lambda.newDescriptor(), impl.isInterface());
            return new Site(name, newDescriptor, bootstrap, newArgs, lambda);
        }

        @Override
        public void visitEnd() {
            references.values().forEach(ref -> ref.writeBridge(cv));
            if (rewritesSites()) {
                writeDeserializer();
            }
            if (plan.serialVersionUID() != null) {
                FieldVisitor uid = super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL,
                        "serialVersionUID", "J", null, plan.serialVersionUID());
                uid.visitEnd();
            }
            if (plan.shipped() != null) {
                // Not synthetic: Kryo (strict mode's copies) skips synthetic fields, and a copy must keep it.
                super.visitField(Opcodes.ACC_PRIVATE, SHIPPED_FIELD, OBJECT.getDescriptor(), null, null).visitEnd();
            }
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
        Type boxType = PrimitiveBoxes.boxOf(type);
        String box = boxType == null ? null : boxType.getInternalName();
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
                    lambda.extraTypes().forEach(t -> locals.add(frameType(t)));
                    inserted = true;
                }
                locals.add(local[i]);
                slot += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
            }
            if (!inserted && slot >= lambda.insertSlot()) {
                lambda.extraTypes().forEach(t -> locals.add(frameType(t)));
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
