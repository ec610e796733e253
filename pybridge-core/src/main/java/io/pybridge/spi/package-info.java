/**
 * How a runtime that ships inside a jar offers itself to discovery: module {@code io.pybridge.python}
 * provides {@link io.pybridge.spi.BundledPythonProvider} through {@link java.util.ServiceLoader}.
 */
package io.pybridge.spi;
