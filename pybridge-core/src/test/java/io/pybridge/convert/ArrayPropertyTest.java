package io.pybridge.convert;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.numpy.DType;
import io.pybridge.numpy.NDArray;
import io.pybridge.testing.TestPython;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * numpy arrays of random shape, memory order, view and dtype read through NDArray and typed
 * conversions, compared byte for byte with what numpy itself says; and random Java arrays through
 * numpy and back.
 */
class ArrayPropertyTest {
    static Python python;

    @BeforeContainer
    static void start() {
        python = TestPython.start();
        python.withGil(py -> {
            py.exec("""
                    import numpy as np

                    def random_array(seed, dtype, shape, order, view):
                        rng = np.random.default_rng(abs(seed))
                        dt = np.dtype(dtype)
                        if dt.kind == 'f':
                            a = (rng.standard_normal(shape) * 1000).astype(dt)
                        elif dt.kind == 'b':
                            a = rng.integers(0, 2, shape).astype(dt)
                        else:
                            info = np.iinfo(dt)
                            a = rng.integers(info.min, info.max, shape, dtype=dt, endpoint=True)
                        a = np.asarray(a, order=order)
                        if view == 'reversed':
                            a = a[tuple(slice(None, None, -1) for _ in shape)]
                        elif view == 'every other':
                            a = a[tuple(slice(None, None, 2) for _ in shape)]
                        elif view == 'transposed':
                            a = a.T
                        return a
                    """);
            return null;
        });
    }

    /** The Java copy each dtype is read with (uint64 has none but raw bytes), and numpy's name for it. */
    private static String javaTarget(DType dtype) {
        return switch (dtype) {
            case BOOL, INT8, UINT8, INT16, UINT16, INT32 -> "int32";
            case UINT32, INT64 -> "int64";
            case FLOAT16, FLOAT32 -> "float32";
            case FLOAT64 -> "float64";
            case UINT64 -> "";
        };
    }

    @Property(tries = 300)
    void ndarrayCopiesMatchNumpy(@ForAll long seed, @ForAll DType dtype, @ForAll("shapes") List<Integer> shape,
                                 @ForAll("orders") String order, @ForAll("views") String view) {
        python.withGil(py -> {
            try (PyObject make = py.eval("random_array");
                 PyObject array = make.call(seed, dtype.numpyName(), shape, order, view);
                 NDArray nd = array.as(NDArray.class)) {
                assertEquals(dtype, nd.dtype());
                assertArrayEquals(array.getAttr("shape").as(long[].class), nd.shape());
                long[] strides = array.getAttr("strides").as(long[].class);
                for (int axis = 0; axis < strides.length; axis++) {
                    // A step along an axis of extent 0 or 1 is never taken; memoryview may report another.
                    if (nd.shape()[axis] > 1 && nd.size() > 0) {
                        assertEquals(strides[axis], nd.strides()[axis]);
                    }
                }
                assertArrayEquals(array.callMethod("tobytes").as(byte[].class), nd.toByteArray());
                String target = javaTarget(dtype);
                if (!target.isEmpty()) {
                    byte[] expected = array.callMethod("astype", target).callMethod("tobytes").as(byte[].class);
                    assertArrayEquals(expected, bytesOf(switch (target) {
                        case "int32" -> nd.toIntArray();
                        case "int64" -> nd.toLongArray();
                        case "float32" -> nd.toFloatArray();
                        default -> nd.toDoubleArray();
                    }));
                }
                long first = nd.size() == 0 ? 0 : nd.byteOffset(new long[shape.size()]);
                assertTrue(first >= 0 && first <= nd.segment().byteSize());
            }
            return null;
        });
    }

    @Property(tries = 200)
    void javaArraysGoThroughNumpyAndBack(@ForAll("javaArrays") Object array) {
        Object back = python.withGil(py -> {
            try (PyObject object = py.toPython(array)) {
                return object.as(array.getClass());
            }
        });
        assertTrue(java.util.Objects.deepEquals(array, back), () -> "differs: " + array.getClass().getSimpleName());
    }

    @Provide
    Arbitrary<List<Integer>> shapes() {
        return Arbitraries.integers().between(0, 5).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> orders() {
        return Arbitraries.of("C", "F");
    }

    @Provide
    Arbitrary<String> views() {
        return Arbitraries.of("whole", "reversed", "every other", "transposed");
    }

    @Provide
    Arbitrary<Object> javaArrays() {
        Arbitrary<Class<?>> leaves = Arbitraries.of(float.class, double.class, int.class, long.class, short.class,
                char.class, boolean.class);
        return net.jqwik.api.Combinators.combine(leaves, Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 4).list().ofSize(3), Arbitraries.longs())
                .as((leaf, dims, extents, seed) -> randomArray(leaf, extents.subList(0, dims), new Random(seed)));
    }

    private static Object randomArray(Class<?> leaf, List<Integer> extents, Random random) {
        int length = extents.get(0);
        if (extents.size() == 1) {
            Object array = Array.newInstance(leaf, length);
            for (int i = 0; i < length; i++) {
                Array.set(array, i, randomValue(leaf, random));
            }
            return array;
        }
        Class<?> rowType = leaf;
        for (int i = 1; i < extents.size(); i++) {
            rowType = rowType.arrayType();
        }
        Object rows = Array.newInstance(rowType, length);
        for (int i = 0; i < length; i++) {
            Array.set(rows, i, randomArray(leaf, extents.subList(1, extents.size()), random));
        }
        return rows;
    }

    private static Object randomValue(Class<?> leaf, Random random) {
        if (leaf == float.class) {
            return random.nextInt(10) == 0 ? Float.NaN : (float) random.nextGaussian() * 1e6f;
        }
        if (leaf == double.class) {
            return random.nextInt(10) == 0 ? Double.NEGATIVE_INFINITY : random.nextGaussian() * 1e300;
        }
        if (leaf == int.class) {
            return random.nextInt();
        }
        if (leaf == long.class) {
            return random.nextLong();
        }
        if (leaf == short.class) {
            return (short) random.nextInt();
        }
        if (leaf == char.class) {
            return (char) random.nextInt();
        }
        return random.nextBoolean();
    }

    private static byte[] bytesOf(Object array) {
        int length = Array.getLength(array);
        int size = array instanceof long[] || array instanceof double[] ? 8 : 4;
        ByteBuffer buffer = ByteBuffer.allocate(length * size).order(ByteOrder.nativeOrder());
        for (int i = 0; i < length; i++) {
            switch (array) {
                case int[] a -> buffer.putInt(a[i]);
                case long[] a -> buffer.putLong(a[i]);
                case float[] a -> buffer.putFloat(a[i]);
                case double[] a -> buffer.putDouble(a[i]);
                default -> throw new IllegalArgumentException();
            }
        }
        return buffer.array();
    }
}
