package io.pybridge.arrow;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Java record batches for the tests. */
final class Roots {
    private Roots() {
    }

    /** Columns d (float64 i/2), n (int64 3i), s ("s" + i, null every 5th), b (i % 3 == 0), m (int32 i, null every 4th). */
    static VectorSchemaRoot mixed(BufferAllocator allocator, int rows) {
        Float8Vector d = new Float8Vector("d", allocator);
        BigIntVector n = new BigIntVector("n", allocator);
        VarCharVector s = new VarCharVector("s", allocator);
        BitVector b = new BitVector("b", allocator);
        IntVector m = new IntVector("m", allocator);
        d.allocateNew(rows);
        n.allocateNew(rows);
        s.allocateNew(rows);
        b.allocateNew(rows);
        m.allocateNew(rows);
        for (int i = 0; i < rows; i++) {
            d.set(i, i / 2.0);
            n.set(i, 3L * i);
            if (i % 5 == 4) {
                s.setNull(i);
            } else {
                s.setSafe(i, string(i).getBytes(StandardCharsets.UTF_8));
            }
            b.set(i, i % 3 == 0 ? 1 : 0);
            if (i % 4 == 0) {
                m.setNull(i);
            } else {
                m.set(i, i);
            }
        }
        List<FieldVector> vectors = List.of(d, n, s, b, m);
        vectors.forEach(v -> v.setValueCount(rows));
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(rows);
        return root;
    }

    static String string(int i) {
        return i % 7 == 0 ? "ünï" + i : "s" + i;
    }

    static VectorSchemaRoot doubles(BufferAllocator allocator, String name, double... values) {
        Float8Vector vector = new Float8Vector(name, allocator);
        vector.allocateNew(values.length);
        for (int i = 0; i < values.length; i++) {
            vector.set(i, values[i]);
        }
        vector.setValueCount(values.length);
        VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(vector));
        root.setRowCount(values.length);
        return root;
    }
}
