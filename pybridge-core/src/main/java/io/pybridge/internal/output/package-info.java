/**
 * Python's {@code sys.stdout}, {@code sys.stderr} and {@code logging} into Java (streams, writers,
 * SLF4J). A feature: may use convert, runtime, api and capi.
 */
package io.pybridge.internal.output;
