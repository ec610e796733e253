package io.pybridge.internal.capi;

import io.pybridge.Python;
import io.pybridge.internal.runtime.GilScope;
import io.pybridge.internal.runtime.PythonCode;
import io.pybridge.internal.runtime.ThreadContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The type and its flags read in place are what {@code PyObject_Type} and {@code PyType_GetFlags} return. */
class ObjectTypesTest {

    @Test
    void typesAndFlagsReadInPlaceAreWhatTheFunctionsReturn() {
        Python.start();
        GilScope.call(ctx -> {
            PythonCode.exec(ctx, """
                    import collections, enum, types
                    class _Sub(str):
                        pass
                    class _Meta(type):
                        pass
                    class _WithMeta(metaclass=_Meta):
                        pass
                    class _Colour(enum.Enum):
                        RED = 1
                    _samples = [None, True, 1, 2 ** 100, 1.5, 'text', _Sub('sub'), b'b', bytearray(b'a'), [], (), {}, set(),
                                frozenset(), collections.OrderedDict(), _WithMeta(), _WithMeta, _Colour.RED, types, len,
                                ValueError('x'), object(), type, range(3), memoryview(b'm')]
                    """);
            long samples = PythonCode.eval(ctx, "_samples");
            long count = CPython.PyList_Size(samples);
            assertTrue(count > 20);
            for (long i = 0; i < count; i++) {
                long object = CPython.PyList_GetItem(samples, i);
                long type = CPython.PyObject_Type(object);
                assertEquals(type, ObjectTypes.of(object), "type of sample " + i);
                assertEquals(CPython.PyType_GetFlags(type), ObjectTypes.flags(type), "flags of the type of sample " + i);
                CPython.Py_DecRef(type);
            }
            CPython.Py_DecRef(samples);
            assertTrue(ObjectTypes.readsInPlace(), "the layout check passes on every supported interpreter");
            return null;
        });
    }

    @Test
    void smallImmutablesAreSmallObjectsOfExactTypesHoldingNothingElse() {
        Python.start();
        GilScope.call(ctx -> {
            PythonCode.exec(ctx, """
                    class _SubStr(str):
                        pass
                    class _SubInt(int):
                        pass
                    _small = [None, True, False, 0, -7, 2 ** 100, 1.5, '', 'a' * 256, '\\u00e9' * 256, '\\u0436' * 256,
                              '\\U0001F600' * 256, b'', b'x' * 1024, (), (1, 'a', None, 2.5, b'b', True), (0,) * 8,
                              ('\\U0001F600' * 256,) * 8]
                    _others = ['a' * 257, '\\U0001F600' * 257, b'x' * 1025, _SubStr('s'), _SubInt(1), bytearray(b'a'),
                               (0,) * 9, ((1,),), (1, []), ('a' * 257,), (_SubInt(1),), [], [1], {}, 1j, ValueError('x'),
                               object(), len, type]
                    """);
            assertSmall(ctx, "_small", true);
            assertSmall(ctx, "_others", false);
            return null;
        });
    }

    private static void assertSmall(ThreadContext ctx, String listName, boolean expected) {
        long list = PythonCode.eval(ctx, listName);
        try {
            for (long i = 0, n = CPython.PyList_Size(list); i < n; i++) {
                assertEquals(expected, ObjectTypes.isSmallImmutable(CPython.PyList_GetItem(list, i)), listName + "[" + i + "]");
            }
        } finally {
            CPython.Py_DecRef(list);
        }
    }
}
