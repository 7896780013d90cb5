package reflow.kernel.jshell;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * Replacement targets for System.exit, Runtime.exit and Runtime.halt in the classes the kernel loads for
 * cells, and checks on the reflective ways to reach them (the calls are rewritten by
 * {@link SnippetInstrumenter}): exiting would kill the kernel and every variable with it.
 */
public final class ExitGuard {
    private ExitGuard() {}

    public static void systemExit(int status) {
        throw new Blocked("System.exit(" + status + ")");
    }

    public static void runtimeExit(Runtime runtime, int status) {
        throw new Blocked("Runtime.exit(" + status + ")");
    }

    public static void runtimeHalt(Runtime runtime, int status) {
        throw new Blocked("Runtime.halt(" + status + ")");
    }

    /** Before {@code method.invoke(target, args)}; also sees through Method.invoke called reflectively. */
    public static void checkInvoke(Method method, Object target, Object[] args) {
        if (method == null) {
            return; // the invoke itself throws the NullPointerException
        }
        checkTarget(method.getDeclaringClass(), method.getName(), "reflection");
        if (isReflectiveInvoke(method.getDeclaringClass(), method.getName()) && target instanceof Method inner
                && args != null && args.length == 2 && (args[1] == null || args[1] instanceof Object[])) {
            checkInvoke(inner, args[0], (Object[]) args[1]);
        }
        // lookup.findStatic(System.class, "exit", ...) called reflectively
        if (method.getDeclaringClass() == MethodHandles.Lookup.class && args != null && args.length >= 2
                && args[0] instanceof Class<?> owner && args[1] instanceof String name) {
            checkTarget(owner, name, "a method handle");
        }
    }

    public static MethodHandle findStatic(MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        checkTarget(owner, name, "a method handle");
        return lookup.findStatic(owner, name, type);
    }

    public static MethodHandle findVirtual(MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        checkTarget(owner, name, "a method handle");
        if (isReflectiveInvoke(owner, name)) {
            return checkedInvokeHandle(type);
        }
        return lookup.findVirtual(owner, name, type);
    }

    public static MethodHandle findSpecial(MethodHandles.Lookup lookup, Class<?> owner, String name, MethodType type,
                                           Class<?> caller) throws NoSuchMethodException, IllegalAccessException {
        checkTarget(owner, name, "a method handle");
        return lookup.findSpecial(owner, name, type, caller);
    }

    public static MethodHandle unreflect(MethodHandles.Lookup lookup, Method method) throws IllegalAccessException {
        checkTarget(method.getDeclaringClass(), method.getName(), "a method handle");
        if (isReflectiveInvoke(method.getDeclaringClass(), method.getName())) {
            return checkedInvokeHandle(MethodType.methodType(Object.class, Object.class, Object[].class));
        }
        return lookup.unreflect(method);
    }

    public static MethodHandle bind(MethodHandles.Lookup lookup, Object receiver, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        checkTarget(receiver.getClass(), name, "a method handle");
        return lookup.bind(receiver, name, type);
    }

    /** A handle for Method.invoke that checks its target like {@link #checkInvoke}. */
    public static Object invokeChecked(Method method, Object target, Object[] args) throws Exception {
        checkInvoke(method, target, args);
        return method.invoke(target, args);
    }

    private static MethodHandle checkedInvokeHandle(MethodType requested) throws IllegalAccessException {
        try {
            MethodHandle checked = MethodHandles.lookup().findStatic(ExitGuard.class, "invokeChecked",
                    MethodType.methodType(Object.class, Method.class, Object.class, Object[].class));
            return checked.asType(requested.insertParameterTypes(0, Method.class));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("ExitGuard.invokeChecked is missing", e);
        }
    }

    private static boolean isReflectiveInvoke(Class<?> owner, String name) {
        return owner == Method.class && name.equals("invoke");
    }

    private static void checkTarget(Class<?> owner, String name, String how) {
        if (owner == System.class && name.equals("exit")) {
            throw new Blocked("System.exit (through " + how + ")");
        }
        if (owner != null && Runtime.class.isAssignableFrom(owner) && (name.equals("exit") || name.equals("halt"))) {
            throw new Blocked("Runtime." + name + " (through " + how + ")");
        }
    }

    /** An Error so that {@code catch (Exception e)} in the cell does not hide the blocked exit. */
    public static final class Blocked extends Error {
        Blocked(String call) {
            super(call + " was blocked: it would shut down the kernel and lose every variable."
                    + " To restart, use the frontend's Restart Kernel.");
        }
    }
}
