/**
 * The running interpreter: start and close, the GIL and thread states, stacks and the threads that run
 * Python for others, pending releases, errors and tracebacks, the process settings Python expects. May
 * use discovery, api and capi.
 */
package io.pybridge.internal.runtime;
