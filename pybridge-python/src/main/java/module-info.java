/**
 * The bundled runtime: CPython and numpy from Maven Central's {@code org.bytedeco} jars, unpacked once
 * into a per-user cache, offered to discovery through {@link io.pybridge.spi.BundledPythonProvider}.
 */
module io.pybridge.python {
    requires io.pybridge;
    requires org.slf4j;

    exports io.pybridge.python;

    provides io.pybridge.spi.BundledPythonProvider with io.pybridge.python.BundledRuntime;
}
