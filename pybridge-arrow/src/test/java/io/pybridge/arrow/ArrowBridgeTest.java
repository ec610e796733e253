package io.pybridge.arrow;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.PythonExecutionException;
import io.pybridge.PythonImportException;
import io.pybridge.arrow.internal.PythonReleaseCallback;
import io.pybridge.convert.TypeRef;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrowBridgeTest {
    private static final TypeRef<Map<String, List<Object>>> COLUMNS = new TypeRef<>() {
    };
    static Python python;
    static PyObject fixtures;
    static RootAllocator rootAllocator;
    BufferAllocator allocator;
    ArrowBridge arrow;

    @BeforeAll
    static void startPython() {
        python = Python.start();
        python.addModulePath(fixtureFolder());
        rootAllocator = new RootAllocator();
        ArrowBridge.of(python, rootAllocator);   // installs pybridge_arrow, which the fixtures import
        fixtures = python.withGil(py -> py.importModule("arrow_fixtures"));
    }

    static Path fixtureFolder() {
        try {
            return Path.of(ArrowBridgeTest.class.getResource("/python/arrow_fixtures.py").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void closeAllocator() {
        rootAllocator.close();
    }

    @BeforeEach
    void newAllocator() {
        allocator = rootAllocator.newChildAllocator("test", 0, Long.MAX_VALUE);
        arrow = ArrowBridge.of(python, allocator);
    }

    @AfterEach
    void everythingReleased() {
        // Whatever a test left in Python is collected, and the pending releases applied, before counting.
        python.withGil(py -> fixtures.callMethod("collect").as(Long.class));
        assertEquals(0, allocator.getAllocatedMemory(), "Java memory still held after the test");
        allocator.close();
    }

    private Object call(String function, Object... args) {
        try (PyObject result = fixtures.callMethod(function, args)) {
            return result.as(Object.class);
        }
    }

    private Map<String, List<Object>> describe(PyObject batch) {
        try (PyObject described = fixtures.callMethod("describe", batch)) {
            return described.as(COLUMNS);
        }
    }

    @Test
    void javaColumnsReachNumpyInPlace() {
        try (VectorSchemaRoot root = Roots.mixed(allocator, 1000); PyObject batch = arrow.toPython(root, PythonForm.NUMPY)) {
            assertEquals("pybridge_arrow.Batch", batch.typeName());
            assertEquals(root.getVector("d").getDataBuffer().memoryAddress(), call("column_address", batch, "d"),
                    "float64 column was copied");
            assertEquals(root.getVector("n").getDataBuffer().memoryAddress(), call("column_address", batch, "n"),
                    "int64 column was copied");
            assertEquals(root.getVector("m").getDataBuffer().memoryAddress(), call("column_address", batch, "m"),
                    "int32 column with nulls was copied");
            Map<String, List<Object>> columns = describe(batch);
            for (int i = 0; i < 1000; i++) {
                assertEquals(i / 2.0, columns.get("d").get(i));
                assertEquals(3L * i, columns.get("n").get(i));
                assertEquals(i % 5 == 4 ? null : Roots.string(i), columns.get("s").get(i));
                assertEquals(i % 3 == 0, columns.get("b").get(i));
                assertEquals(i % 4 == 0 ? null : (long) i, columns.get("m").get(i));
            }
        }
    }

    @Test
    void pythonKeepsJavaMemoryUntilItLetsGo() {
        PyObject batch;
        try (VectorSchemaRoot root = Roots.doubles(allocator, "x", 1.5, 2.5, 3.5)) {
            batch = arrow.toPython(root, PythonForm.NUMPY);
        }
        // Java closed its root: only Python's export keeps the memory.
        assertTrue(allocator.getAllocatedMemory() > 0, "the buffers were freed while Python holds them");
        assertEquals(List.of(1.5, 2.5, 3.5), describe(batch).get("x"));
        PyObject view = fixtures.callMethod("tail_view", batch, "x");
        batch.close();
        python.withGil(py -> fixtures.callMethod("collect").as(Long.class));
        assertTrue(allocator.getAllocatedMemory() > 0, "the buffers were freed while a numpy view reads them");
        assertEquals(List.of(1.5, 2.5, 3.5), view.as(new TypeRef<List<Double>>() {
        }));
        view.close();
        python.withGil(py -> fixtures.callMethod("collect").as(Long.class));
        assertEquals(0, allocator.getAllocatedMemory(), "Python's release did not reach Java");
    }

    @Test
    void loadingTheNextBatchIntoTheRootLeavesPythonsViewIntact() {
        try (VectorSchemaRoot root = Roots.doubles(allocator, "x", 1, 2, 3); PyObject batch = arrow.toPython(root, PythonForm.NUMPY)) {
            Float8Vector x = (Float8Vector) root.getVector("x");
            x.clear();
            x.allocateNew(3);
            for (int i = 0; i < 3; i++) {
                x.set(i, 10 + i);
            }
            x.setValueCount(3);
            assertEquals(List.of(1.0, 2.0, 3.0), describe(batch).get("x"));
        }
    }

    @Test
    void pythonResultsReachJavaInPlace() {
        try (PyObject results = fixtures.callMethod("results", 100); VectorSchemaRoot root = arrow.toJava(results)) {
            assertEquals(100, root.getRowCount());
            BigIntVector label = (BigIntVector) root.getVector("label");
            Float8Vector score = (Float8Vector) root.getVector("score");
            IntVector masked = (IntVector) root.getVector("masked");
            VarCharVector word = (VarCharVector) root.getVector("word");
            try (PyObject labels = results.getItem("label"); PyObject scores = results.getItem("score")) {
                assertEquals(call("address", labels), label.getDataBuffer().memoryAddress(), "int64 column was copied");
                assertEquals(call("address", scores), score.getDataBuffer().memoryAddress(), "float64 column was copied");
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(i % 10, label.get(i));
                assertEquals(i / 99.0, score.get(i), 1e-15);
                assertEquals(i % 3 == 0, masked.isNull(i), "row " + i);
                if (i % 3 != 0) {
                    assertEquals(i, masked.get(i));
                }
                assertEquals(i % 4 == 1 ? null : "w" + i + "é", word.getObject(i) == null ? null : word.getObject(i).toString());
            }
        }
    }

    @Test
    void javaKeepsPythonMemoryUntilTheRootIsClosed() {
        int before = PythonReleaseCallback.liveImports();
        VectorSchemaRoot root;
        try (PyObject results = fixtures.callMethod("watched_results", 1000)) {
            root = arrow.toJava(results);
        }
        assertTrue((Boolean) call("alive", "values"), "numpy freed the array Java reads");
        Float8Vector values = (Float8Vector) root.getVector("values");
        assertEquals(1998.0, values.get(999));
        assertEquals(before + 1, PythonReleaseCallback.liveImports());
        root.close();
        assertEquals(before, PythonReleaseCallback.liveImports());
        assertFalse((Boolean) call("alive", "values"), "closing the root did not let Python free the array");
    }

    @Test
    void aRoundTripHandsJavaItsOwnBuffersBack() {
        try (VectorSchemaRoot root = Roots.mixed(allocator, 50);
             PyObject batch = arrow.toPython(root, PythonForm.NUMPY);
             VectorSchemaRoot back = arrow.toJava(batch)) {
            for (String name : List.of("d", "n", "s", "b", "m")) {
                assertEquals(root.getVector(name).getDataBuffer().memoryAddress(),
                        back.getVector(name).getDataBuffer().memoryAddress(), name + " was copied on the way back");
                for (int i = 0; i < 50; i++) {
                    assertEquals(root.getVector(name).getObject(i), back.getVector(name).getObject(i), name + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void slicedBatchesReachJavaWithTheirOwnRows() {
        // Arrow Java's importer ignores ArrowArray.offset: without normalizing, Java would read rows 0..4.
        try (VectorSchemaRoot root = Roots.mixed(allocator, 40);
             PyObject batch = arrow.toPython(root, PythonForm.NUMPY);
             PyObject slice = batch.callMethod("slice", 13, 9);
             VectorSchemaRoot back = arrow.toJava(slice)) {
            assertEquals(9, back.getRowCount());
            for (String name : List.of("d", "n", "s", "b", "m")) {
                for (int i = 0; i < 9; i++) {
                    assertEquals(root.getVector(name).getObject(13 + i), back.getVector(name).getObject(i), name + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void pandasBothWays() {
        org.junit.jupiter.api.Assumptions.assumeTrue((Boolean) call("pandas_available"),
                "pandas is not installed in this interpreter (" + python.runtime().executable() + ")");
        try (VectorSchemaRoot root = Roots.mixed(allocator, 10);
             PyObject frame = arrow.toPython(root, PythonForm.PANDAS);
             PyObject summary = fixtures.callMethod("frame_summary", frame)) {
            Map<String, Object> s = summary.as(new TypeRef<>() {
            });
            assertEquals("DataFrame", s.get("type"));
            assertEquals(List.of("d", "n", "s", "b", "m"), s.get("columns"));
            assertEquals(List.of("float64", "int64", "object", "bool", "Int32"), s.get("dtypes"));
        }
        try (PyObject frame = fixtures.callMethod("a_frame"); VectorSchemaRoot root = arrow.toJava(frame)) {
            assertEquals(3, root.getRowCount());
            assertTrue(root.getVector("n").isNull(1));
            assertEquals(3L, root.getVector("n").getObject(2));
            assertEquals(2.5, root.getVector("x").getObject(2));
            assertTrue(root.getVector("s").isNull(1));
            assertEquals("ç", root.getVector("s").getObject(2).toString());
        }
    }

    @Test
    void javaReadersBecomePythonStreams() {
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            batches.add(Roots.doubles(allocator, "x", k, k + 1, k + 2));
        }
        ListReader reader = new ListReader(allocator, batches);
        try (PyObject stream = arrow.toPython(reader, PythonForm.NUMPY);
             PyObject sums = fixtures.callMethod("sum_stream", stream, "x")) {
            assertEquals("pybridge_arrow.BatchStream", stream.typeName());
            assertEquals(List.of(12L, 30L), sums.as(Object.class));
            assertFalse(reader.closed, "the reader was closed before Python closed the stream");
            stream.callMethod("close").close();
            assertTrue(reader.closed, "closing the Python stream did not close the Java reader");
        }
    }

    @Test
    void pythonIterablesBecomeJavaReaders() throws Exception {
        try (PyObject generator = fixtures.callMethod("batches", 5, 100);
             org.apache.arrow.vector.ipc.ArrowReader reader = arrow.toJavaReader(generator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertEquals(List.of("k", "x"), root.getSchema().getFields().stream().map(f -> f.getName()).toList());
            int batches = 0;
            while (reader.loadNextBatch()) {
                assertEquals(100, root.getRowCount());
                assertEquals(batches, ((IntVector) root.getVector("k")).get(99));
                assertEquals(99.0 + batches, ((Float8Vector) root.getVector("x")).get(99));
                batches++;
            }
            assertEquals(5, batches);
        }
    }

    @Test
    void releasesFromThreadsWithoutTheGilOrABigStackAreSafe() throws Exception {
        List<VectorSchemaRoot> roots = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            try (PyObject results = fixtures.callMethod("results", 64)) {
                roots.add(arrow.toJava(results));
            }
        }
        List<Thread> closers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            VectorSchemaRoot root = roots.get(i);
            closers.add(new Thread(null, root::close, "small-stack-closer-" + i, 256 * 1024));
        }
        for (int i = 3; i < 6; i++) {
            closers.add(Thread.ofVirtual().unstarted(roots.get(i)::close));
        }
        closers.forEach(Thread::start);
        for (Thread t : closers) {
            t.join();
        }
        assertEquals(0, PythonReleaseCallback.liveImports());
    }

    @Test
    void closingARootNeverWaitsForTheGil() throws Exception {
        // Arrow Java calls the release callback on the closing thread, possibly inside its own locks: the
        // producer's release (Python code) must not run there, or close() waits for whoever holds the GIL.
        VectorSchemaRoot root;
        try (PyObject results = fixtures.callMethod("results", 32)) {
            root = arrow.toJava(results);
        }
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        Thread holder = Thread.ofPlatform().stackSize(16 << 20).start(() -> python.withGil(py -> {
            holding.countDown();
            try {
                closed.await(30, java.util.concurrent.TimeUnit.SECONDS);   // holds the GIL meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holding.await();
        Thread.ofPlatform().start(() -> {
            root.close();
            closed.countDown();
        });
        boolean closedWhileGilHeld = closed.await(30, java.util.concurrent.TimeUnit.SECONDS);
        holder.join();
        assertTrue(closedWhileGilHeld, "VectorSchemaRoot.close() waited for the GIL another thread held");
    }

    @Test
    void manyThreadsExchangeBatchesAtOnce() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int seed = t;
            Runnable work = () -> {
                try {
                    for (int round = 0; round < 20; round++) {
                        double base = seed * 1000 + round;
                        try (VectorSchemaRoot root = Roots.doubles(allocator, "x", base, base + 1);
                             PyObject batch = arrow.toPython(root, PythonForm.NUMPY);
                             VectorSchemaRoot back = arrow.toJava(batch)) {
                            assertEquals(base + 1, ((Float8Vector) back.getVector("x")).get(1));
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            };
            threads.add(seed % 2 == 0 ? new Thread(null, work, "exchange-" + seed, 512 * 1024) : Thread.ofVirtual().unstarted(work));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void whatIsNotABatchIsRefusedByName() {
        try (PyObject number = python.withGil(py -> py.eval("42"))) {
            PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> arrow.toJava(number));
            assertTrue(e.getMessage().contains("expected a record batch"), e.getMessage());
        }
        try (PyObject bad = python.withGil(py -> py.eval("{'c': __import__('numpy').zeros(3, dtype=complex)}"))) {
            PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> arrow.toJava(bad));
            assertTrue(e.getMessage().contains("column 'c'") && e.getMessage().contains("complex128"), e.getMessage());
        }
        assertEquals(0, PythonReleaseCallback.liveImports());
        assertThrows(NullPointerException.class, () -> arrow.toJava(null));
        try (VectorSchemaRoot root = Roots.doubles(allocator, "x", 1)) {
            assertThrows(IllegalArgumentException.class, () -> arrow.toPython(new ListReader(allocator, List.of(root)), PythonForm.PANDAS));
        }
    }

    @Test
    void thePyarrowFormWithoutPyarrowSaysSo() {
        python.withGil(py -> fixtures.callMethod("block_pyarrow"));
        try (VectorSchemaRoot root = Roots.doubles(allocator, "x", 1, 2)) {
            assertFalse(arrow.pyarrowAvailable());
            PythonImportException e = assertThrows(PythonImportException.class, () -> arrow.toPython(root, PythonForm.PYARROW));
            assertTrue(e.getMessage().contains("needs pyarrow"), e.getMessage());
            try (PyObject batch = arrow.toPython(root)) {
                assertEquals("pybridge_arrow.Batch", batch.typeName(), "AUTO falls back to numpy");
            }
        } finally {
            python.withGil(py -> fixtures.callMethod("remove_fake_pyarrow"));
        }
    }

    @Test
    void thePyarrowFormHandsPyarrowTheExportedStructs() {
        Path sources = Path.of(System.getProperty("pybridge.arrow.pythonTests"));
        try (PyObject fake = fixtures.callMethod("install_fake_pyarrow", sources.toString());
             VectorSchemaRoot root = Roots.mixed(allocator, 20)) {
            assertTrue(arrow.pyarrowAvailable());
            try (PyObject batch = arrow.toPython(root, PythonForm.AUTO); PyObject calls = fake.getAttr("calls")) {
                List<List<Object>> recorded = calls.as(new TypeRef<>() {
                });
                assertEquals(1, recorded.size());
                assertEquals("RecordBatch._import_from_c", recorded.get(0).get(0));
                assertNotEquals(0L, recorded.get(0).get(1));
                assertEquals(Roots.string(7), describe(batch).get("s").get(7));
            }
            List<VectorSchemaRoot> one = List.of(Roots.doubles(allocator, "x", 1, 2));
            try (PyObject reader = arrow.toPython(new ListReader(allocator, one), PythonForm.PYARROW);
                 PyObject calls = fake.getAttr("calls")) {
                assertEquals("RecordBatchReader._import_from_c", calls.as(new TypeRef<List<List<Object>>>() {
                }).get(1).get(0));
                reader.callMethod("close").close();
            }
        } finally {
            python.withGil(py -> fixtures.callMethod("remove_fake_pyarrow"));
        }
    }

    @Test
    void realPyarrowBothWays() throws Exception {
        try (PyObject pyarrow = fixtures.callMethod("real_pyarrow")) {
            org.junit.jupiter.api.Assumptions.assumeFalse(pyarrow.typeName().equals("NoneType"),
                    "pyarrow is not installed in " + python.runtime().executable() + " (the stand-in tests cover its contract)");
            try (VectorSchemaRoot root = Roots.mixed(allocator, 30); PyObject batch = arrow.toPython(root, PythonForm.PYARROW)) {
                assertEquals("pyarrow.lib.RecordBatch", batch.typeName());
                try (PyObject column = batch.callMethod("column", 2); PyObject values = column.callMethod("to_pylist")) {
                    List<Object> strings = values.as(new TypeRef<>() {
                    });
                    assertEquals(Roots.string(7), strings.get(7));
                    assertEquals(null, strings.get(4));
                }
                try (VectorSchemaRoot back = arrow.toJava(batch)) {
                    assertEquals(root.getVector("d").getDataBuffer().memoryAddress(), back.getVector("d").getDataBuffer().memoryAddress());
                }
            }
            try (PyObject table = fixtures.callMethod("pyarrow_table", pyarrow, 1000);
                 org.apache.arrow.vector.ipc.ArrowReader reader = arrow.toJavaReader(table)) {
                long rows = 0;
                while (reader.loadNextBatch()) {
                    rows += reader.getVectorSchemaRoot().getRowCount();
                }
                assertEquals(1000, rows);
            }
        }
    }

    @Test
    void dictionaryEncodedColumnsDecodeInNumpyAndReturnWithTheirDictionary() {
        try (VarCharVector dictionaryValues = new VarCharVector("colours", allocator);
             IntVector indices = new IntVector("colour", new org.apache.arrow.vector.types.pojo.FieldType(true,
                     new ArrowType.Int(32, true), new org.apache.arrow.vector.types.pojo.DictionaryEncoding(7, false, null)),
                     allocator)) {
            dictionaryValues.allocateNew(3);
            for (String colour : List.of("red", "green", "blue")) {
                dictionaryValues.setSafe(dictionaryValues.getLastSet() + 1, colour.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            dictionaryValues.setValueCount(3);
            indices.allocateNew(5);
            int[] codes = {2, 0, 1, -1, 2};
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] < 0) {
                    indices.setNull(i);
                } else {
                    indices.set(i, codes[i]);
                }
            }
            indices.setValueCount(5);
            var provider = new org.apache.arrow.vector.dictionary.DictionaryProvider.MapDictionaryProvider();
            provider.put(new org.apache.arrow.vector.dictionary.Dictionary(dictionaryValues,
                    indices.getField().getDictionary()));
            VectorSchemaRoot root = new VectorSchemaRoot(List.of(indices.getField()), List.of(indices), 5);
            try (PyObject batch = arrow.toPython(root, provider, PythonForm.NUMPY)) {
                assertEquals(Arrays.asList("blue", "red", "green", null, "blue"), describe(batch).get("colour"));
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> arrow.toJava(batch));
                assertTrue(e.getMessage().contains("dictionary-encoded"), e.getMessage());
                try (org.apache.arrow.c.CDataDictionaryProvider dictionaries = new org.apache.arrow.c.CDataDictionaryProvider();
                     VectorSchemaRoot back = arrow.toJava(batch, dictionaries)) {
                    IntVector backIndices = (IntVector) back.getVector("colour");
                    assertTrue(backIndices.isNull(3));
                    assertEquals(1, backIndices.get(2));
                    // The C data interface carries no dictionary ids: the importer numbers the dictionaries itself.
                    long id = backIndices.getField().getDictionary().getId();
                    VarCharVector backValues = (VarCharVector) dictionaries.lookup(id).getVector();
                    assertEquals("green", backValues.getObject(1).toString());
                }
            }
        }
    }

    @Test
    void thePythonPackagesOwnTestsPassEmbedded() {
        String sources = System.getProperty("pybridge.arrow.pythonTests");
        try (PyObject outcome = fixtures.callMethod("run_unittests", sources)) {
            List<Object> result = outcome.as(new TypeRef<>() {
            });
            assertEquals(Boolean.TRUE, result.get(0), (String) result.get(1));
        }
    }

    @Test
    void theJarCarriesEveryFileOfThePythonPackage() throws Exception {
        Path folder = Path.of(System.getProperty("pybridge.arrow.pythonTests"), "pybridge_arrow");
        try (var files = java.nio.file.Files.list(folder)) {
            List<String> found = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py")).sorted().toList();
            List<String> listed = io.pybridge.arrow.internal.PythonPackage.FILES.stream().sorted().toList();
            assertEquals(found, listed);
        }
    }

    @Test
    void bitsAndStringsArriveAsTheirTypes() {
        try (VectorSchemaRoot root = Roots.mixed(allocator, 3); PyObject batch = arrow.toPython(root, PythonForm.NUMPY);
             VectorSchemaRoot back = arrow.toJava(batch)) {
            assertInstanceOf(BitVector.class, back.getVector("b"));
            assertInstanceOf(VarCharVector.class, back.getVector("s"));
            assertEquals(new ArrowType.Int(32, true), back.getVector("m").getField().getType());
            assertEquals(Arrays.asList(true, false, false), Arrays.asList(
                    back.getVector("b").getObject(0), back.getVector("b").getObject(1), back.getVector("b").getObject(2)));
        }
    }
}
