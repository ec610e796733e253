package io.pybridge.internal.convert;

import io.pybridge.internal.api.PublicPackage;

/**
 * The public classes the conversions hand out or recognise ({@code io.pybridge.PyObject},
 * {@code io.pybridge.numpy.NDArray}), reached without this layer naming them: the public packages are
 * the layer above, so each installs its half when it is initialized ({@code Python}'s initializer makes
 * sure both are), and the engine asks through here. Values cross as {@code Object}.
 */
public final class PublicFaces {
    /** The public face of Python objects. */
    public interface Objects {
        /** The public class: a conversion target that means "the object itself". */
        Class<?> type();

        /** The public face of {@code ref}, which it takes over. */
        Object of(PyRef ref);

        /** What {@code value} holds when it is a public Python object, else null. */
        PyRef refOf(Object value);
    }

    /** The public face of numpy arrays read in place. */
    public interface Arrays {
        Class<?> type();

        /** The public face of an exported buffer, which it takes over. */
        Object of(BufferArray array);

        /** What {@code value} holds when it is a public array, else null. */
        BufferArray bufferOf(Object value);
    }

    private static volatile Objects objects;
    private static volatile Arrays arrays;

    private PublicFaces() {
    }

    public static void install(Objects installed) {
        objects = installed;
    }

    public static void install(Arrays installed) {
        arrays = installed;
    }

    public static Objects objects() {
        if (objects == null) {
            PublicPackage.initialize();
        }
        return objects;
    }

    public static Arrays arrays() {
        if (arrays == null) {
            PublicPackage.initialize();
        }
        return arrays;
    }
}
