/**
 * Python objects as the bridge holds them ({@link io.pybridge.internal.convert.PyRef}), calls, and the
 * conversions between Java values and Python objects. May use runtime, api and capi.
 */
package io.pybridge.internal.convert;
