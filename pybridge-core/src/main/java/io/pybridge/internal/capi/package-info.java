/**
 * Bindings, the bottom layer: the only code that opens libraries, looks up symbols, makes downcalls,
 * declares upcalls or reads native memory (libpython and the C library). Depends on nothing else in
 * PyBridge.
 */
package io.pybridge.internal.capi;
