/**
 * The sub-interpreter pool ({@code InterpreterPool}): isolated interpreters with their own GIL on
 * worker threads, plain data in and out. A feature: may use convert, runtime, api and capi.
 */
package io.pybridge.internal.subinterp;
