/**
 * numpy arrays read in place ({@link io.pybridge.numpy.NDArray}: {@code pyObject.as(NDArray.class)}) and
 * Java memory handed to numpy without a copy ({@code NDArray.wrap(segment, DType.FLOAT32, rows, cols)}).
 */
package io.pybridge.numpy;
