package io.pybridge.arrow;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.util.List;

/** An ArrowReader over batches held in memory, loading each into its one root in turn (as file readers do). */
final class ListReader extends ArrowReader {
    private final List<VectorSchemaRoot> batches;
    private int next;
    volatile boolean closed;

    ListReader(BufferAllocator allocator, List<VectorSchemaRoot> batches) {
        super(allocator);
        this.batches = batches;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        if (next >= batches.size()) {
            return false;
        }
        try (VectorSchemaRoot source = batches.get(next++); ArrowRecordBatch batch = new VectorUnloader(source).getRecordBatch()) {
            loadRecordBatch(batch);
        }
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        closed = true;
        while (next < batches.size()) {
            batches.get(next++).close();
        }
    }

    @Override
    protected Schema readSchema() {
        return batches.get(0).getSchema();
    }
}
