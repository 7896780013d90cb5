package reflow.kernel.spark;

import static org.objectweb.asm.Opcodes.*;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;

/**
 * Lets the kernel see the responses of a Spark Connect session's executions, where the server's progress
 * reports travel: the Connect client of Spark 4.0 reads them into its internal result and offers no
 * callback. Its builder does take gRPC client interceptors, so this is one, for the client's shaded gRPC.
 * An interceptor is an interface (a proxy here), but the call and listener it must wrap are gRPC's abstract
 * forwarding classes, which a proxy cannot extend and the kernel, compiled without Spark, cannot name:
 * the two small subclasses are generated with ASM, in a class loader under the cells' one. Only
 * ExecutePlan and ReattachExecute calls are wrapped; every response goes on unchanged.
 */
final class GrpcResponseTap implements InvocationHandler {
    private static final String GRPC = "org/sparkproject/io/grpc/";
    private static final String CALL_BASE = GRPC + "ForwardingClientCall$SimpleForwardingClientCall";
    private static final String LISTENER_BASE = GRPC + "ForwardingClientCallListener$SimpleForwardingClientCallListener";
    private static final String CALL = "reflow/kernel/spark/generated/TappedCall";
    private static final String LISTENER = "reflow/kernel/spark/generated/TappedListener";
    private static final String CLIENT_CALL = "L" + GRPC + "ClientCall;";
    private static final String CALL_LISTENER = "L" + GRPC + "ClientCall$Listener;";
    private static final String METADATA = "L" + GRPC + "Metadata;";
    private static final String CONSUMER = "Ljava/util/function/Consumer;";

    private final Consumer<Object> onResponse;
    private final Constructor<?> tappedCall;
    private final Method newCall;
    private final Method fullMethodName;

    private GrpcResponseTap(ClassLoader cells, Consumer<Object> onResponse) throws ReflectiveOperationException {
        this.onResponse = onResponse;
        Generated loader = new Generated(cells);
        loader.define(LISTENER, listenerClass());
        Class<?> call = loader.define(CALL, callClass());
        this.tappedCall = call.getConstructor(Class.forName(GRPC.replace('/', '.') + "ClientCall", true, cells), Consumer.class);
        Class<?> descriptor = Class.forName(GRPC.replace('/', '.') + "MethodDescriptor", true, cells);
        Class<?> options = Class.forName(GRPC.replace('/', '.') + "CallOptions", true, cells);
        this.newCall = Class.forName(GRPC.replace('/', '.') + "Channel", true, cells).getMethod("newCall", descriptor, options);
        this.fullMethodName = descriptor.getMethod("getFullMethodName");
    }

    /**
     * A ClientInterceptor for the Connect session builder that hands each execution response to
     * {@code onResponse} (on gRPC's threads; it must not throw), or null when this client's gRPC is not the
     * one Reflow knows (then there is simply no progress).
     */
    static Object interceptor(ClassLoader cells, Consumer<Object> onResponse) {
        try {
            Class<?> type = Class.forName(GRPC.replace('/', '.') + "ClientInterceptor", true, cells);
            return Proxy.newProxyInstance(cells, new Class<?>[] {type}, new GrpcResponseTap(cells, onResponse));
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "interceptCall" -> {
                Object call = newCall.invoke(args[2], args[0], args[1]);
                String name = (String) fullMethodName.invoke(args[0]);
                yield name.endsWith("/ExecutePlan") || name.endsWith("/ReattachExecute")
                        ? tappedCall.newInstance(call, onResponse) : call;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "Reflow's Spark Connect progress tap";
            default -> throw new UnsupportedOperationException(method.toString());
        };
    }

    /**
     * A field {@code tap} and {@code <init>(delegate, tap)}: {@code super(delegate); this.tap = tap;}, the
     * constructor both forwarding classes have.
     */
    private static void forwardingConstructorWithTap(ClassWriter cw, String owner, String base, String delegate) {
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "tap", CONSUMER, null, null).visitEnd();
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "(" + delegate + CONSUMER + ")V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ALOAD, 1);
        init.visitMethodInsn(INVOKESPECIAL, base, "<init>", "(" + delegate + ")V", false);
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ALOAD, 2);
        init.visitFieldInsn(PUTFIELD, owner, "tap", CONSUMER);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }

    /** {@code TappedCall extends SimpleForwardingClientCall}: start() wraps the listener. */
    private static byte[] callClass() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V11, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, CALL, null, CALL_BASE, null);
        forwardingConstructorWithTap(cw, CALL, CALL_BASE, CLIENT_CALL);
        MethodVisitor start = cw.visitMethod(ACC_PUBLIC, "start", "(" + CALL_LISTENER + METADATA + ")V", null, null);
        start.visitCode();
        start.visitVarInsn(ALOAD, 0);
        start.visitTypeInsn(NEW, LISTENER);
        start.visitInsn(DUP);
        start.visitVarInsn(ALOAD, 1);
        start.visitVarInsn(ALOAD, 0);
        start.visitFieldInsn(GETFIELD, CALL, "tap", CONSUMER);
        start.visitMethodInsn(INVOKESPECIAL, LISTENER, "<init>", "(" + CALL_LISTENER + CONSUMER + ")V", false);
        start.visitVarInsn(ALOAD, 2);
        start.visitMethodInsn(INVOKESPECIAL, CALL_BASE, "start", "(" + CALL_LISTENER + METADATA + ")V", false);
        start.visitInsn(RETURN);
        start.visitMaxs(0, 0);
        start.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code TappedListener extends SimpleForwardingClientCallListener}: onMessage() shows it, then forwards it. */
    private static byte[] listenerClass() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V11, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, LISTENER, null, LISTENER_BASE, null);
        forwardingConstructorWithTap(cw, LISTENER, LISTENER_BASE, CALL_LISTENER);
        MethodVisitor message = cw.visitMethod(ACC_PUBLIC, "onMessage", "(Ljava/lang/Object;)V", null, null);
        message.visitCode();
        message.visitVarInsn(ALOAD, 0);
        message.visitFieldInsn(GETFIELD, LISTENER, "tap", CONSUMER);
        message.visitVarInsn(ALOAD, 1);
        message.visitMethodInsn(INVOKEINTERFACE, "java/util/function/Consumer", "accept", "(Ljava/lang/Object;)V", true);
        message.visitVarInsn(ALOAD, 0);
        message.visitVarInsn(ALOAD, 1);
        message.visitMethodInsn(INVOKESPECIAL, LISTENER_BASE, "onMessage", "(Ljava/lang/Object;)V", false);
        message.visitInsn(RETURN);
        message.visitMaxs(0, 0);
        message.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Defines the two generated classes where they see the client's gRPC. */
    private static final class Generated extends ClassLoader {
        Generated(ClassLoader cells) {
            super(cells);
        }

        Class<?> define(String internalName, byte[] bytecode) {
            return defineClass(internalName.replace('/', '.'), bytecode, 0, bytecode.length);
        }
    }
}
