package io.pybridge.internal.capi;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.StructLayout;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** PyBufferStruct's written-out offsets against {@code Py_buffer} as CPython declares it (Include/pybuffer.h). */
class PyBufferStructTest {
    /** {@code void *buf; PyObject *obj; Py_ssize_t len, itemsize; int readonly, ndim; char *format; ...}. */
    private static final StructLayout PY_BUFFER = MemoryLayout.structLayout(
            ADDRESS.withName("buf"),
            ADDRESS.withName("obj"),
            JAVA_LONG.withName("len"),
            JAVA_LONG.withName("itemsize"),
            JAVA_INT.withName("readonly"),
            JAVA_INT.withName("ndim"),
            ADDRESS.withName("format"),
            ADDRESS.withName("shape"),
            ADDRESS.withName("strides"),
            ADDRESS.withName("suboffsets"),
            ADDRESS.withName("internal"));

    @Test
    void offsetsAreThoseOfTheCDeclaration() {
        assertEquals(offset("buf"), PyBufferStruct.BUF, "buf");
        assertEquals(offset("len"), PyBufferStruct.LEN, "len");
        assertEquals(offset("itemsize"), PyBufferStruct.ITEMSIZE, "itemsize");
        assertEquals(offset("readonly"), PyBufferStruct.READONLY, "readonly");
        assertEquals(offset("ndim"), PyBufferStruct.NDIM, "ndim");
        assertEquals(offset("format"), PyBufferStruct.FORMAT_FIELD, "format");
        assertEquals(offset("shape"), PyBufferStruct.SHAPE, "shape");
        assertEquals(offset("strides"), PyBufferStruct.STRIDES_FIELD, "strides");
        assertEquals(PY_BUFFER.byteSize(), PyBufferStruct.SIZE, "sizeof(Py_buffer)");
    }

    private static long offset(String field) {
        return PY_BUFFER.byteOffset(PathElement.groupElement(field));
    }
}
