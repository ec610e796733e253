package io.pybridge.spi;

import java.io.IOException;

/**
 * Supplies an interpreter that ships inside a jar (module {@code pybridge-python}), found through
 * {@link java.util.ServiceLoader}. Discovery asks it last, when nothing on the machine serves, or
 * first when the builder says {@code bundled()}.
 */
public interface BundledPythonProvider {

    /**
     * Makes the bundled interpreter ready on disk (unpacking it on first use; later calls reuse
     * the cache) and describes it.
     *
     * @throws IOException when it cannot be unpacked; the message says where and why
     */
    BundledPython unpack() throws IOException;
}
