/**
 * Apache Arrow record batches shared between Java and the embedded Python without copying their columns:
 * {@link io.pybridge.arrow.ArrowBridge}. Optional module {@code pybridge-arrow}; needs Arrow Java's
 * {@code arrow-vector} and {@code arrow-c-data}, and numpy in the interpreter (pyarrow and pandas are
 * used where present).
 *
 * <p>The one place in this module that makes an upcall stub and touches raw memory is
 * {@code io.pybridge.arrow.internal.PythonReleaseCallback}; everything else goes through Arrow Java's C
 * data API and PyBridge's public API.
 */
package io.pybridge.arrow;
