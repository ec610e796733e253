/**
 * PyBridge: CPython inside the JVM, through the Foreign Function and Memory API.
 *
 * <p>The exported packages are the API ({@link io.pybridge.Python} is the way in); the
 * {@code io.pybridge.internal} packages are not, and change without notice. Two are exported to the
 * command line only, whose {@code doctor} shows every Python discovery weighed and the JVM's signal
 * handlers. The bundled runtime (module {@code io.pybridge.python}) plugs in through
 * {@link io.pybridge.spi.BundledPythonProvider}.
 *
 * <p>On the module path, start the JVM with {@code --enable-native-access=io.pybridge}, and export (or
 * open) to {@code io.pybridge} the packages of records and interfaces it converts or binds, since it
 * reads record components and implements interfaces by reflection.
 */
module io.pybridge {
    requires org.slf4j;

    exports io.pybridge;
    exports io.pybridge.convert;
    exports io.pybridge.numpy;
    exports io.pybridge.ml;
    exports io.pybridge.spi;
    exports io.pybridge.internal.discovery to io.pybridge.cli;
    exports io.pybridge.internal.runtime to io.pybridge.cli;

    uses io.pybridge.spi.BundledPythonProvider;
}
