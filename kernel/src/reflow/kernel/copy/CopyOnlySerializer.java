package reflow.kernel.copy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** A Kryo serializer that only knows how to copy in memory: notebook copies never touch bytes. */
abstract class CopyOnlySerializer<T> extends Serializer<T> {

    @Override public final void write(Kryo kryo, Output output, T object) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " only copies in memory");
    }

    @Override public final T read(Kryo kryo, Input input, Class<? extends T> type) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " only copies in memory");
    }

    @Override public abstract T copy(Kryo kryo, T original);
}
