/**
 * {@code python.submit}: calls on an executor that stop their Python code when their future is
 * cancelled or times out. A feature: may use convert, runtime, api and capi.
 */
package io.pybridge.internal.submit;
