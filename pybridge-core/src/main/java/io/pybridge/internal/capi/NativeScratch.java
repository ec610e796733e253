package io.pybridge.internal.capi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A per-thread stack of native memory for what a call needs only while it runs: argument vectors,
 * C strings, out-parameters. Allocation is a pointer bump; {@link #mark()} and {@link #release(long)}
 * free everything allocated since the mark, so nested calls (a Java callback that calls Python again)
 * simply stack up. Owned by one thread; never shared.
 *
 * <p>A mark packs the chunk index into the top 16 bits and the offset into the low 48.
 */
public final class NativeScratch {
    private static final long CHUNK = 64 * 1024;
    private static final long LARGE = 1024 * 1024;

    private final List<MemorySegment> chunks = new ArrayList<>();
    private int chunk;
    private long offset;

    public NativeScratch() {
        chunks.add(Arena.ofAuto().allocate(CHUNK, 16));
    }

    public long mark() {
        return ((long) chunk << 48) | offset;
    }

    public void release(long mark) {
        int markChunk = (int) (mark >>> 48);
        for (int i = chunks.size() - 1; i > markChunk; i--) {
            if (chunks.get(i).byteSize() > LARGE) {
                chunks.remove(i);
            }
        }
        chunk = markChunk;
        offset = mark & 0xFFFF_FFFF_FFFFL;
    }

    /** Uninitialized memory, 8-byte aligned, valid until the enclosing mark is released. */
    public long allocate(long bytes) {
        long aligned = (offset + 7) & ~7L;
        MemorySegment current = chunks.get(chunk);
        if (aligned + bytes > current.byteSize()) {
            return allocateInNextChunk(bytes);
        }
        offset = aligned + bytes;
        return current.address() + aligned;
    }

    private long allocateInNextChunk(long bytes) {
        int next = chunk + 1;
        while (next < chunks.size() && chunks.get(next).byteSize() < bytes) {
            chunks.remove(next);
        }
        if (next == chunks.size()) {
            chunks.add(Arena.ofAuto().allocate(Math.max(CHUNK, bytes), 16));
        }
        chunk = next;
        offset = bytes;
        return chunks.get(next).address();
    }

    /** {@link #cString(String, String)} for the bridge's own strings (constants, internal names). */
    public long cString(String text) {
        return cString(text, "string");
    }

    /**
     * A NUL-terminated UTF-8 copy of {@code text}, for a C function that reads a {@code char *}.
     *
     * @param what names the argument if it is refused ("module name", "source code")
     * @throws IllegalArgumentException when {@code text} holds a NUL character or an unpaired surrogate,
     *         which C would read as a shorter or different string ({@link CStrings})
     */
    public long cString(String text, String what) {
        CStrings.requireValid(text, what);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long address = allocate(bytes.length + 1L);
        MemorySegment target = Memory.at(address, bytes.length + 1L);
        MemorySegment.copy(bytes, 0, target, JAVA_BYTE, 0, bytes.length);
        target.set(JAVA_BYTE, bytes.length, (byte) 0);
        return address;
    }

    /** {@code bytes} copied into scratch memory (no terminator). */
    public long bytes(byte[] bytes) {
        long address = allocate(Math.max(1, bytes.length));
        MemorySegment.copy(bytes, 0, Memory.at(address, bytes.length), JAVA_BYTE, 0, bytes.length);
        return address;
    }

    /**
     * The characters of {@code text}, all U+00FF or below, a byte each (and a NUL after them). The JDK
     * copies a string it stores a byte a character straight from its own array.
     */
    public long latin1(String text) {
        long address = allocate(text.length() + 1L);
        Memory.at(address, text.length() + 1L).setString(0, text, StandardCharsets.ISO_8859_1);
        return address;
    }

    /** UTF-16 code units copied into scratch memory, each in the byte order of {@code layout}. */
    public long utf16(char[] units, ValueLayout.OfChar layout) {
        long address = allocate(Math.max(2, units.length * 2L));
        Memory.putChars(address, units, layout);
        return address;
    }

    /** Room for {@code count} pointers (or longs), e.g. a vectorcall argument vector. */
    public long words(int count) {
        return allocate(8L * Math.max(1, count));
    }

    public static void putWord(long address, int index, long value) {
        Memory.putLong(address + 8L * index, value);
    }

    public static long getWord(long address, int index) {
        return Memory.getLong(address + 8L * index);
    }

}
