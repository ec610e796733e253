/**
 * CPython inside the JVM: start the interpreter once, then call Python from any thread.
 *
 * <pre>{@code
 * try (Python python = Python.builder().modulePath(Path.of("python")).start()) {
 *     String text = python.withGil(py -> {
 *         PyObject embedders = py.importModule("embedders");
 *         return embedders.callMethod("transcribe", samples, 16_000).as(String.class);
 *     });
 * }
 * }</pre>
 *
 * <p>{@link io.pybridge.Python} finds and starts the interpreter and takes the GIL for a body
 * ({@code withGil}); {@link io.pybridge.PyObject} is an owned reference with calls and conversions;
 * {@link io.pybridge.PythonException} and its kinds keep what Python knew of a failure. Every class here
 * is a thin face over the internal layers (see {@code docs/architecture.md}): none calls the C API itself.
 */
package io.pybridge;
