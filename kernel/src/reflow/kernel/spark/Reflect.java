package reflow.kernel.spark;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Calls into Spark by reflection: the kernel is compiled without Spark, which the notebook brings with
 * %maven. Methods are looked up by name and argument count on public types only (Spark's implementation
 * classes may not be accessible), and exceptions thrown by Spark come out unwrapped.
 */
final class Reflect {
    private Reflect() {}

    static Object call(Object target, String name, Object... args) {
        Method method = find(target.getClass(), name, args);
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + name + " on " + target.getClass().getName(), e);
        }
    }

    static Object callStatic(Class<?> type, String name, Object... args) {
        Method method = find(type, name, args);
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + name + " on " + type.getName(), e);
        }
    }

    /** A public method named {@code name} that takes these arguments, declared by a public type. */
    private static Method find(Class<?> type, String name, Object[] args) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Method m = findIn(c, name, args);
            if (m != null) return m;
            for (Class<?> i : c.getInterfaces()) {
                m = findIn(i, name, args);
                if (m != null) return m;
            }
        }
        throw new IllegalStateException(type.getName() + " has no public method " + name + " for "
                + args.length + " argument(s): not the Spark version Reflow knows (4.x)?");
    }

    private static Method findIn(Class<?> c, String name, Object[] args) {
        if (!Modifier.isPublic(c.getModifiers())) return null;
        outer:
        for (Method m : c.getMethods()) {
            if (!m.getName().equals(name) || m.getParameterCount() != args.length
                    || !Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                continue;
            }
            Class<?>[] types = m.getParameterTypes();
            for (int i = 0; i < args.length; i++) {
                if (args[i] != null && !box(types[i]).isInstance(args[i])) continue outer;
            }
            return m;
        }
        return null;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) return type;
        if (type == int.class) return Integer.class;
        if (type == long.class) return Long.class;
        if (type == boolean.class) return Boolean.class;
        if (type == double.class) return Double.class;
        return type;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t.getMessage(), t);
    }

    /** Scala's Option: its value, or null for None. */
    static Object option(Object option) {
        return option != null && (Boolean) call(option, "isDefined") ? call(option, "get") : null;
    }
}
