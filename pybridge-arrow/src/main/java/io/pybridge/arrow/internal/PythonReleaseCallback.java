package io.pybridge.arrow.internal;

import io.pybridge.PyObject;
import org.apache.arrow.c.ArrowArray;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The release callback of ArrowArrays that Java imports from Python: the only code of this module that
 * makes an upcall stub or touches raw memory (two fields of an ArrowArray it was handed).
 *
 * <p>Python's producer (pyarrow, or pybridge_arrow) has its own release callback, which may run Python
 * code. Arrow Java would call it on whichever thread closes the last buffer: any thread, with or without
 * the GIL, possibly one with a stack too small for Python, possibly while Arrow holds a lock. So Java never
 * imports the producer's struct itself: it imports a copy whose release callback is this upcall, which
 * only drops Java's reference to the Python object holding the original ({@code pybridge_arrow.JavaExport}).
 * That drop never waits for the GIL: without it, the bridge applies it at its next GIL acquisition, on a
 * thread that holds the GIL, and the producer's own release runs there.
 */
public final class PythonReleaseCallback {
    /** Offsets in {@code struct ArrowArray} (the C data interface's ABI: ten 8-byte fields). */
    private static final long RELEASE_OFFSET = 64;
    private static final long PRIVATE_DATA_OFFSET = 72;
    private static final long STRUCT_SIZE = 80;
    private static final System.Logger LOG = System.getLogger(PythonReleaseCallback.class.getName());
    private static final Map<Long, PyObject> HOLDERS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    private static final MemorySegment STUB = stub();

    private PythonReleaseCallback() {
    }

    private static MemorySegment stub() {
        try {
            var target = MethodHandles.lookup().findStatic(PythonReleaseCallback.class, "release",
                    MethodType.methodType(void.class, MemorySegment.class));
            return Linker.nativeLinker().upcallStub(target, FunctionDescriptor.ofVoid(ValueLayout.ADDRESS), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Writes into {@code target} the ArrowArray at {@code pythonArray} (owned by {@code holder}), with this
     * class's release callback: releasing {@code target}, or the copy Arrow Java moves it into, closes
     * {@code holder}. Takes over {@code holder}.
     *
     * @throws IllegalStateException when the array at {@code pythonArray} is released already
     */
    public static void adopt(long pythonArray, PyObject holder, ArrowArray target) {
        ArrowArray.Snapshot snapshot = ArrowArray.wrap(pythonArray).snapshot();
        if (snapshot.release == 0) {
            holder.close();
            throw new IllegalStateException("Python handed over an ArrowArray that is released already");
        }
        long id = NEXT_ID.getAndIncrement();
        HOLDERS.put(id, holder);
        snapshot.release = STUB.address();
        snapshot.private_data = id;
        target.save(snapshot);
    }

    /** Releases {@code target} at once, when the import failed before Arrow Java took it over. */
    public static void releaseIfUnused(ArrowArray target) {
        if (target.snapshot().release == STUB.address()) {
            release(MemorySegment.ofAddress(target.memoryAddress()));
        }
    }

    /** How many imported arrays Java still holds (for tests and diagnostics). */
    public static int liveImports() {
        return HOLDERS.size();
    }

    /** Called by Arrow Java (through C) with the ArrowArray to release; must never throw. */
    private static void release(MemorySegment address) {
        try {
            MemorySegment array = address.reinterpret(STRUCT_SIZE);
            long id = array.get(ValueLayout.JAVA_LONG, PRIVATE_DATA_OFFSET);
            array.set(ValueLayout.JAVA_LONG, RELEASE_OFFSET, 0L);
            PyObject holder = HOLDERS.remove(id);
            if (holder != null) {
                holder.close();
            }
        } catch (Throwable t) {
            // An exception leaving an upcall ends the JVM; this one is only logged.
            LOG.log(System.Logger.Level.ERROR, "releasing an ArrowArray imported from Python failed", t);
        }
    }
}
