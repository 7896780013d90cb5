package reflow.kernel.copy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Currency;
import java.util.HashSet;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Decides which classes have instances that can never change, so copying them is pure waste: the copier
 * hands out the same instance. Decided once per class and cached.
 *
 * <p>Besides the well-known JDK value types, a user class counts as immutable when it is final (records
 * are) and every instance field, inherited ones included, is final and of an immutable declared type.
 * Declared types matter, not runtime values: a {@code final Object} field could hold anything.
 */
final class ImmutableTypes {
    private ImmutableTypes() {}

    private static final Set<Class<?>> EXACT = Set.of(
            String.class, Boolean.class, Character.class, Byte.class, Short.class, Integer.class,
            Long.class, Float.class, Double.class, Void.class, BigInteger.class, BigDecimal.class,
            UUID.class, URI.class, URL.class, Pattern.class, Locale.class, Currency.class,
            OptionalInt.class, OptionalLong.class, OptionalDouble.class, Class.class);

    // Supertypes whose JDK implementations are all immutable (Path is an interface with hidden impls).
    private static final Set<Class<?>> ASSIGNABLE = Set.of(
            Path.class, Charset.class, InetAddress.class, java.lang.reflect.Member.class,
            java.lang.invoke.MethodHandle.class);

    private static final ClassValue<Boolean> CACHE = new ClassValue<>() {
        @Override protected Boolean computeValue(Class<?> type) {
            return analyze(type, new HashSet<>());
        }
    };

    static boolean isImmutable(Class<?> type) {
        return CACHE.get(type);
    }

    private static boolean analyze(Class<?> type, Set<Class<?>> inProgress) {
        if (type.isPrimitive() || EXACT.contains(type) || type.isEnum() || Enum.class.isAssignableFrom(type))
            return true;
        if (type.isArray()) return false;
        String name = type.getName();
        if (name.startsWith("java.time.")) // all value types, except the one builder
            return !type.isInterface() && type != java.time.format.DateTimeFormatterBuilder.class;
        for (Class<?> supertype : ASSIGNABLE) if (supertype.isAssignableFrom(type)) return true;
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun."))
            return false; // other JDK classes: trust their serializers rather than their private fields
        if (!Modifier.isFinal(type.getModifiers()) || type.isInterface()) return false;
        // A self-referencing class (final Node next) is immutable if its other fields are: assume yes.
        if (!inProgress.add(type)) return true;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getName().startsWith("java.") && c != Record.class) return false;
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers)) continue;
                if (!Modifier.isFinal(modifiers)) return false;
                if (!analyze(field.getType(), inProgress)) return false;
            }
        }
        return true;
    }
}
