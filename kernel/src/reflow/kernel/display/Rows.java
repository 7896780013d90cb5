package reflow.kernel.display;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a value as a table row, column name -> cell value: a record by its components, a Map by its keys,
 * a bean (a class of the user's or a library's, not the JDK's) by its public getters. Anything else is not
 * a row, so a list of strings or numbers stays a list.
 */
final class Rows {
    private Rows() {}

    static boolean isRow(Object value) {
        if (value == null) return false;
        Class<?> c = value.getClass();
        return c.isRecord() || value instanceof Map<?, ?> || (!isJdk(c) && !getters(c).isEmpty());
    }

    static Map<String, Object> columns(Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        Class<?> c = value.getClass();
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                row.put(rc.getName(), read(rc.getAccessor(), value));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> row.put(String.valueOf(k), v));
        } else {
            for (Method m : getters(c)) {
                row.put(property(m.getName()), read(m, value));
            }
        }
        return row;
    }

    private static Object read(Method accessor, Object target) {
        try {
            accessor.setAccessible(true); // cell-declared classes are not public
            return accessor.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "(" + cause.getClass().getSimpleName() + ")";
        }
    }

    private static boolean isJdk(Class<?> c) {
        String n = c.getName();
        return c.isPrimitive() || c.isArray() || n.startsWith("java.") || n.startsWith("javax.")
                || n.startsWith("jdk.") || n.startsWith("sun.") || c.isEnum();
    }

    /** Public no-argument getX()/isX() methods, in declaration order, superclass ones first. */
    private static List<Method> getters(Class<?> c) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) chain.add(0, k);
        List<Method> found = new ArrayList<>();
        for (Class<?> k : chain) {
            List<Method> own = new ArrayList<>();
            for (Method m : k.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == 0 && !m.isSynthetic() && isGetterName(m)) {
                    own.add(m);
                }
            }
            // Reflection gives methods in no set order; the fields' order is the class's own.
            List<String> fields = java.util.Arrays.stream(k.getDeclaredFields()).map(java.lang.reflect.Field::getName).toList();
            own.sort(java.util.Comparator.comparingInt((Method m) -> {
                int i = fields.indexOf(property(m.getName()));
                return i < 0 ? Integer.MAX_VALUE : i;
            }).thenComparing(Method::getName));
            found.addAll(own);
        }
        return found;
    }

    private static boolean isGetterName(Method m) {
        String n = m.getName();
        if (n.startsWith("get") && n.length() > 3 && Character.isUpperCase(n.charAt(3))) {
            return m.getReturnType() != void.class;
        }
        return n.startsWith("is") && n.length() > 2 && Character.isUpperCase(n.charAt(2))
                && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class);
    }

    private static String property(String getter) {
        String bare = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
        return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }
}
