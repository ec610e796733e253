package io.pybridge.python;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * CRC32C of files: the manifest's checksum. It is computed while unpacking at no extra read and is
 * hardware accelerated on current CPUs; it guards against damage (truncation, bit rot, a stray
 * edit), not against someone forging the cache, who could rewrite the manifest as well.
 */
final class Checksums {
    private static final int BUFFER_SIZE = 1 << 16;

    private Checksums() {
    }

    static int crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return (int) crc.getValue();
    }

    static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
