package reflow.kernel.copy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Kryo with one decision point for every object of a copied graph. Kryo's serializers copy nested values
 * by calling {@link #copy(Object)} again, so overriding it lets each element, field value, key or array
 * slot be shared or copied on its own: {@code List.of(zeroCopy(a), b)} copies the list and {@code b} but
 * keeps {@code a}.
 *
 * <p>Not thread-safe, like Kryo itself.
 */
final class NotebookKryo extends Kryo {

    /** Told about every value shared because it cannot be copied. */
    interface SharedValueListener {
        /**
         * @param what the value's kind, with an article ("a java.sql.Connection")
         * @param why  why Kryo failed on it, or null when it is uncopyable by nature
         */
        void sharedUncopyable(Object value, String what, String why, boolean topLevel);
    }

    private final CopyMarks marks;
    private SharedValueListener listener = (value, what, why, topLevel) -> {};
    // Classes Kryo failed on once, with the reason: later instances are shared straight away instead of
    // failing again. Weak so that classes of discarded class loaders can be unloaded.
    private final Map<Class<?>, String> failedClasses = new WeakHashMap<>();
    private final int maxDepth;
    private int depth;
    private boolean insideShallowCopy;

    /** Thrown when the graph nests deeper than the copy thread's stack allows; never caught half-way. */
    static final class GraphTooDeep extends RuntimeException {
        GraphTooDeep(int maxDepth) {
            super("it nests more than " + maxDepth + " objects deep", null, false, false);
        }
    }

    /** @param maxDepth how deep a graph may nest; must fit the copying thread's stack */
    NotebookKryo(CopyMarks marks, int maxDepth) {
        this.marks = marks;
        this.maxDepth = maxDepth;
        setRegistrationRequired(false);
        setReferences(true);
        setCopyReferences(true);
        setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        // Kryo skips synthetic fields by default, so an inner class's copy lost its outer instance (this$0)
        // and a local class its captured variables: copy them like any other field.
        FieldSerializer.FieldSerializerConfig fields = new FieldSerializer.FieldSerializerConfig();
        fields.setIgnoreSyntheticFields(false);
        setDefaultSerializer(new SerializerFactory.FieldSerializerFactory(fields));
    }

    void setListener(SharedValueListener listener) {
        this.listener = listener;
    }

    /** Told which variable of a {@link #copyAll} is being copied, and when one had to be shared whole. */
    interface VariableListener {
        void copying(String variableName);

        /** {@code value} could not be copied at all (its own serializer failed): it is shared by reference. */
        void sharedWhole(String variableName, Object value, Throwable failure);
    }

    /**
     * Copies several variables as ONE graph (one Kryo reference map): two variables that referred to one
     * object refer to one copy, as they did to one original.
     */
    Map<String, Object> copyAll(Map<String, Object> values, VariableListener variables) {
        Inputs copied = super.copy(new Inputs(values), new InputsSerializer(variables));
        return copied.values;
    }

    /** The holder of one cell's inputs; copied first, so every value below it shares one reference map. */
    private static final class Inputs {
        final Map<String, Object> values;

        Inputs(Map<String, Object> values) {
            this.values = values;
        }
    }

    private final class InputsSerializer extends CopyOnlySerializer<Inputs> {
        private final VariableListener variables;

        InputsSerializer(VariableListener variables) {
            this.variables = variables;
        }

        @Override public Inputs copy(Kryo kryo, Inputs original) {
            Inputs result = new Inputs(new java.util.LinkedHashMap<>());
            kryo.reference(result);
            original.values.forEach((name, value) -> {
                variables.copying(name);
                Object copy;
                try {
                    copy = NotebookKryo.this.copy(value);
                } catch (RuntimeException | StackOverflowError e) {
                    // Later variables that alias this value share it too, rather than meet a half-built copy.
                    getOriginalToCopyMap().put(value, value);
                    variables.sharedWhole(name, value, e);
                    copy = value;
                }
                result.values.put(name, copy);
            });
            return result;
        }
    }

    @Override public <T> T copy(T object) {
        return copy(object, (Serializer<?>) null);
    }

    @Override @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> T copy(T object, Serializer serializer) {
        if (object == null || insideShallowCopy) return object;
        Class<?> type = object.getClass();
        if (isImmutable(object, type) || SharedHandles.isHandle(type)) return object;
        CopyMarks.Mark mark = marks.mark(object);
        if (mark == CopyMarks.Mark.ZERO_COPY) return object;
        if (mark == CopyMarks.Mark.SHALLOW_COPY) return copyOneLevel(object, serializer);
        Optional<String> uncopyable = UncopyableTypes.describeUncopyable(type);
        if (uncopyable.isPresent()) {
            listener.sharedUncopyable(object, uncopyable.get(), null, depth == 0);
            return object;
        }
        String failedBefore = failedClasses.get(type);
        if (failedBefore != null) {
            listener.sharedUncopyable(object, "a " + type.getName(), failedBefore, depth == 0);
            return object;
        }
        return copyDeep(object, serializer);
    }

    private static boolean isImmutable(Object object, Class<?> type) {
        if (ImmutableTypes.isImmutable(type)) return true;
        // Optional is a final box: immutable exactly when its content is.
        return object instanceof Optional<?> optional
                && (optional.isEmpty() || ImmutableTypes.isImmutable(optional.get().getClass()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> T copyOneLevel(T object, Serializer serializer) {
        insideShallowCopy = true; // nested copy() calls now return their argument
        depth++;
        try {
            return serializer == null ? super.copyShallow(object) : (T) super.copyShallow(object, serializer);
        } catch (RuntimeException e) {
            return shareAfterFailure(object, e, false);
        } finally {
            depth--;
            insideShallowCopy = false;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> T copyDeep(T object, Serializer serializer) {
        // A stack overflow would be caught and wrapped by Kryo and can leave JDK classes half-initialised
        // for good, so the depth is bounded instead.
        if (depth >= maxDepth) throw new GraphTooDeep(maxDepth);
        depth++;
        try {
            return serializer == null ? super.copy(object) : (T) super.copy(object, serializer);
        } catch (RuntimeException e) {
            return shareAfterFailure(object, e, true);
        } finally {
            depth--;
        }
    }

    /** A nested object Kryo could not copy is shared on its own; a failure at the top goes to the caller. */
    private <T> T shareAfterFailure(T object, RuntimeException e, boolean blameClass) {
        if (depth == 1 || tooDeep(e) != null) throw e; // the caller shares the whole value and explains why
        // Point every other occurrence in the graph at the original too, not at a half-built copy
        // Kryo may have registered before failing.
        getOriginalToCopyMap().put(object, object);
        String why = reason(e);
        if (blameClass && !(e instanceof RecordCopySerializer.CycleThroughRecord)) failedClasses.put(object.getClass(), why);
        listener.sharedUncopyable(object, "a " + object.getClass().getName(), why, false);
        return object;
    }

    /** The GraphTooDeep behind {@code e}, which Kryo may have wrapped, or null. */
    static GraphTooDeep tooDeep(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof GraphTooDeep deep) return deep;
        return null;
    }

    static String reason(Throwable e) {
        GraphTooDeep deep = tooDeep(e);
        if (deep != null) return deep.getMessage();
        String message = e.getMessage();
        if (message == null) return e.getClass().getSimpleName();
        int newline = message.indexOf('\n'); // Kryo appends a serialization trace on further lines
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override @SuppressWarnings("rawtypes")
    public Serializer getDefaultSerializer(Class type) {
        if (type.isRecord()) return new RecordCopySerializer(type);
        Serializer<?> jdk = JdkTypeSerializers.forType(type);
        if (jdk != null) return jdk;
        if (!JdkViewSerializer.handles(type)) return super.getDefaultSerializer(type);
        // Keep Kryo's dedicated serializers (List.of, Arrays.asList, emptyList...), replace the generic ones:
        // they fail on hidden JDK classes, some already while reflecting on the fields.
        Serializer serializer;
        try {
            serializer = super.getDefaultSerializer(type);
        } catch (RuntimeException inaccessibleFields) {
            return new JdkViewSerializer();
        }
        Class<?> chosen = serializer.getClass();
        boolean generic = chosen == CollectionSerializer.class || chosen == MapSerializer.class
                || chosen == FieldSerializer.class;
        return generic ? new JdkViewSerializer() : serializer;
    }
}
