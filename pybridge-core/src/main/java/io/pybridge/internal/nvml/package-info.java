/**
 * Bindings to NVIDIA's management library (GPU memory), the same way as {@code internal.capi}. Depends
 * on nothing else in PyBridge.
 */
package io.pybridge.internal.nvml;
