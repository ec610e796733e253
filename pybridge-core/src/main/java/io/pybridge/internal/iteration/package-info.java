/**
 * Lazy iteration both ways: Python iterables read from Java a step at a time, Java iterators and
 * streams read by Python. A feature: may use convert, runtime, api and capi.
 */
package io.pybridge.internal.iteration;
