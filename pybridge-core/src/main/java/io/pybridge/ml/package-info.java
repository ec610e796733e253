/**
 * Machine-learning models from Java: loading and unloading them once for many threads
 * ({@link io.pybridge.ml.ModelRegistry}), GPU memory ({@link io.pybridge.ml.GpuMonitor}) and progress
 * reported by Python code ({@link io.pybridge.ml.ProgressListener}).
 */
package io.pybridge.ml;
