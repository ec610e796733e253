package io.pybridge.internal.convert;

import io.pybridge.numpy.NDArray;

/**
 * How the internal layers create {@link NDArray}s and reach what is inside them without that being
 * public API. {@code NDArray} installs the one implementation when its class is initialized.
 */
public interface ArrayAccess {

    NDArray wrap(BufferArray array);

    BufferArray unwrap(NDArray array);

    static ArrayAccess get() {
        return Holder.instance;
    }

    static void install(ArrayAccess access) {
        Holder.instance = access;
    }

    final class Holder {
        private static ArrayAccess instance;

        static {
            try {
                Class.forName(NDArray.class.getName(), true, NDArray.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private Holder() {
        }
    }
}
