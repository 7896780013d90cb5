package reflow.kernel.copy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Copies of public JDK types whose generic (field-by-field) copy fails or would be wrong, written against
 * their public API so they need no opened packages.
 */
final class JdkTypeSerializers {
    private JdkTypeSerializers() {}

    /** A dedicated serializer for {@code type}, or null to let Kryo choose. */
    static Serializer<?> forType(Class<?> type) {
        if (type == EnumMap.class) return new EnumMapCopy();
        if (type == Locale.Builder.class) return new LocaleBuilderCopy();
        return null;
    }

    /** The copy constructor keeps the key type, even of an empty map; values are copied one by one. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class EnumMapCopy extends CopyOnlySerializer<EnumMap> {
        @Override public EnumMap copy(Kryo kryo, EnumMap original) {
            EnumMap copy = new EnumMap(original);
            kryo.reference(copy);
            for (Object entry : original.entrySet()) {
                Map.Entry e = (Map.Entry) entry;
                copy.put(e.getKey(), kryo.copy(e.getValue()));
            }
            return copy;
        }
    }

    /** Its state lives in sun.util.locale; everything it holds is what build() returns. */
    private static final class LocaleBuilderCopy extends CopyOnlySerializer<Locale.Builder> {
        @Override public Locale.Builder copy(Kryo kryo, Locale.Builder original) {
            return new Locale.Builder().setLocale(original.build());
        }
    }
}
