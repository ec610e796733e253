package io.pybridge.examples.media.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pybridge.examples.media.decode.WavEncoding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WavWriterTest {
    @Test
    void canonicalHeader() {
        byte[] bytes = WavWriter.encode(new float[][] {{0f, 0.5f, -0.5f}, {1f, -1f, 0f}}, 8000, WavEncoding.PCM_16);
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(bytes.length - 8, header.getInt(4));
        assertEquals("WAVEfmt ", new String(bytes, 8, 8, StandardCharsets.US_ASCII));
        assertEquals(16, header.getInt(16));
        assertEquals(1, header.getShort(20), "PCM");
        assertEquals(2, header.getShort(22), "channels");
        assertEquals(8000, header.getInt(24));
        assertEquals(8000 * 4, header.getInt(28), "byte rate");
        assertEquals(4, header.getShort(32), "block align");
        assertEquals(16, header.getShort(34));
        assertEquals("data", new String(bytes, 36, 4, StandardCharsets.US_ASCII));
        assertEquals(12, header.getInt(40));
        assertEquals(32767, header.getShort(46), "frame 0, right: 1.0 clamps to the largest 16-bit value");
        assertEquals(16384, header.getShort(48), "frame 1, left: 0.5");
        assertEquals(-32768, header.getShort(50), "frame 1, right: -1.0");
    }

    @Test
    void oddDataIsPaddedAndFloatIsTaggedAsFloat() {
        byte[] bytes = WavWriter.encode(new float[][] {{0.25f, 0.5f, 0.75f}}, 8000, WavEncoding.PCM_8);
        assertEquals(44 + 3 + 1, bytes.length);
        assertEquals(3, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(40));
        byte[] floats = WavWriter.encode(new float[][] {{0.25f}}, 8000, WavEncoding.FLOAT_32);
        assertEquals(3, ByteBuffer.wrap(floats).order(ByteOrder.LITTLE_ENDIAN).getShort(20));
        assertEquals(0.25f, ByteBuffer.wrap(floats).order(ByteOrder.LITTLE_ENDIAN).getFloat(44));
    }

    @Test
    void channelsMustMatch() {
        assertThrows(IllegalArgumentException.class, () -> WavWriter.encode(new float[][] {{0f}, {0f, 1f}}, 8000, WavEncoding.PCM_16));
        assertThrows(IllegalArgumentException.class, () -> WavWriter.encode(new float[0][], 8000, WavEncoding.PCM_16));
    }
}
