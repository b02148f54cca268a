package io.keras4j.backend;

import io.keras4j.tensor.DType;

/**
 * The kernels a backend implements, on raw storage arrays ({@code float[]}, {@code double[]},
 * {@code int[]}, {@code long[]}, chosen by {@link DType}) with explicit row-major shapes. A backend
 * never sees tensors, layers or the gradient tape; every other operation is composed from these.
 * Output arrays are allocated by the caller and may hold garbage on entry.
 */
public interface Backend {
    /** The name used to select this backend ({@code KERAS4J_BACKEND} / {@code -Dkeras4j.backend}). */
    String name();

    /** out[i] = op(x[i]) for i in [0, n). */
    void unary(UnaryOp op, DType dtype, Object x, Object out, int n);

    /** out = op(a, b) with NumPy broadcasting of {@code aShape} and {@code bShape} to {@code outShape}. */
    void binary(BinaryOp op, DType dtype, Object a, int[] aShape, Object b, int[] bShape, Object out, int[] outShape);

    /** out[i] = cond[i] != 0 ? a[i] : b[i]; all of length n. */
    void where(DType condType, Object cond, DType dtype, Object a, Object b, Object out, int n);

    /** Reduces the middle axis of a tensor viewed as (outer, reduced, inner) into (outer, inner). */
    void reduce(ReduceOp op, DType dtype, Object x, int outer, int reduced, int inner, Object out);

    /** Index of the max (or min) along the middle axis of (outer, reduced, inner), into int32 (outer, inner). */
    void argReduce(boolean max, DType dtype, Object x, int outer, int reduced, int inner, int[] out);

    /**
     * Batched matrix product: for each of {@code batch} matrices, out[m×n] = op(a)·op(b), where a
     * holds m×k (k×m when transA) matrices and b k×n (n×k when transB). A side that is not batched
     * supplies the same matrix to every batch entry.
     */
    void matmul(DType dtype, Object a, boolean aBatched, boolean transA, Object b, boolean bBatched, boolean transB,
                Object out, int batch, int m, int n, int k);

    /** out = x transposed by {@code perm} (out.shape[i] = shape[perm[i]]). */
    void transpose(DType dtype, Object x, int[] shape, int[] perm, Object out);

    /** out = x broadcast (NumPy rules) from {@code shape} to {@code outShape}. */
    void broadcastTo(DType dtype, Object x, int[] shape, Object out, int[] outShape);

    /** out = x[begin : begin + outShape] (unit strides). */
    void slice(DType dtype, Object x, int[] shape, int[] begin, Object out, int[] outShape);

    /** out = zeros(outShape) with x written at offset {@code begin}: the inverse of slice. */
    void pad(DType dtype, Object x, int[] shape, int[] begin, Object out, int[] outShape);

    /** out[begin : begin + shape] += x, in place (accumulating gradients of slices). */
    void sliceAdd(DType dtype, Object x, int[] shape, int[] begin, Object out, int[] outShape);

    /** Concatenation along the middle axis: part j is viewed as (outer, sizes[j], inner). */
    void concat(DType dtype, Object[] parts, int outer, int[] sizes, int inner, Object out);

    /** out(outer, indices.length, inner) = x(outer, axisSize, inner)[:, indices, :]. Indices are checked. */
    void gather(DType dtype, Object x, int outer, int axisSize, int inner, int[] indices, Object out);

    /** out(outer, axisSize, inner) = zeros, then out[:, indices[j], :] += updates[:, j, :]. */
    void scatterAdd(DType dtype, Object updates, int outer, int axisSize, int inner, int[] indices, Object out);

    /** Type conversion of n elements (float to int truncates toward zero, as NumPy's astype). */
    void cast(DType from, Object x, DType to, Object out, int n);

    /**
     * The geometry of an N-D channels-last window operation (convolution or pooling) on a batch:
     * input (batch, inSpatial..., inChannels), kernel (kernel..., inChannels / groups,
     * outChannels), output (batch, outSpatial..., outChannels). Output cell {@code o} reads input
     * cells {@code o * strides - padBefore + k * dilation} for k over the kernel window; cells
     * outside the input are zeros (convolution) or ignored (pooling). For pooling, inChannels =
     * outChannels and groups = 1.
     */
    record ConvGeometry(int batch, int[] inSpatial, int inChannels, int[] kernel, int outChannels, int groups,
                        int[] strides, int[] dilation, int[] padBefore, int[] outSpatial) {}

    /** Convolution (cross-correlation, as every framework's conv): out = conv(x, kernel). */
    void conv(DType dtype, Object x, Object kernel, ConvGeometry g, Object out);

    /** The gradient of {@link #conv} with respect to x given dy, i.e. the transposed convolution of dy. */
    void convBackpropInput(DType dtype, Object dy, Object kernel, ConvGeometry g, Object dx);

    /** The gradient of {@link #conv} with respect to the kernel, summed over the batch. */
    void convBackpropFilter(DType dtype, Object x, Object dy, ConvGeometry g, Object dKernel);

    /** Max over each window (padding cells ignored). */
    void maxPool(DType dtype, Object x, ConvGeometry g, Object out);

    /** Routes each dy to the first maximum of its window in x (zeros elsewhere). */
    void maxPoolGrad(DType dtype, Object x, Object dy, ConvGeometry g, Object dx);

    /** Mean over each window's cells that lie inside the input. */
    void avgPool(DType dtype, Object x, ConvGeometry g, Object out);

    /** The gradient of {@link #avgPool}: each dy spread evenly over its window's inside cells. */
    void avgPoolGrad(DType dtype, Object dy, ConvGeometry g, Object dx);
}
