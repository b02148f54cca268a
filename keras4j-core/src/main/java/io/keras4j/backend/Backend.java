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

    /**
     * An LSTM's recurrence over {@code steps} steps (gates i, f, c, o; sigmoid and tanh). zx
     * (batch, steps, 4·units): the projected inputs, step s reading time {@code reverse ?
     * steps-1-s : s}; recurrentKernel (units, 4·units); h0, c0 (batch, units). Writes out (batch,
     * steps+1, units): each step's output in processing order, then the final cell state; gates
     * (batch, steps, 4·units) and cells (2·batch·steps·units) keep what {@link #lstmBackward} needs.
     */
    void lstm(DType dtype, Object zx, Object recurrentKernel, Object h0, Object c0, int batch, int steps, int units,
              boolean reverse, Object out, Object gates, Object cells);

    /**
     * Backpropagation through time for {@link #lstm} from gOut, the gradient of its out: dzx (always),
     * dRecurrentKernel, dh0, dc0 (each null when not wanted).
     */
    void lstmBackward(DType dtype, Object gOut, Object recurrentKernel, Object h0, Object c0, Object out, Object gates,
                      Object cells, int batch, int steps, int units, boolean reverse,
                      Object dzx, Object dRecurrentKernel, Object dh0, Object dc0);

    /**
     * A SimpleRNN's recurrence with tanh: out (batch, steps, units) receives tanh(zx_t + h_prev ·
     * recurrentKernel) of each step in processing order (step s reads time {@code reverse ?
     * steps-1-s : s} of zx (batch, steps, units)); h0 (batch, units).
     */
    void simpleRnn(DType dtype, Object zx, Object recurrentKernel, Object h0, int batch, int steps, int units, boolean reverse, Object out);

    /** Backpropagation through time for {@link #simpleRnn}: dzx (always), dRecurrentKernel and dh0 (null when not wanted). */
    void simpleRnnBackward(DType dtype, Object gOut, Object recurrentKernel, Object h0, Object out, int batch, int steps, int units,
                           boolean reverse, Object dzx, Object dRecurrentKernel, Object dh0);

    /**
     * A GRU's recurrence in Keras's reset_after form (gates z, r, h; sigmoid and tanh): zx (batch,
     * steps, 3·units) the projected inputs with their bias, step s reading time {@code reverse ?
     * steps-1-s : s}; recurrentKernel (units, 3·units); recurrentBias (3·units); h0 (batch, units).
     * Writes out (batch, steps, units) in processing order and saved (batch, steps, 4·units) for
     * {@link #gruBackward}.
     */
    void gru(DType dtype, Object zx, Object recurrentKernel, Object recurrentBias, Object h0, int batch, int steps, int units,
             boolean reverse, Object out, Object saved);

    /** Backpropagation through time for {@link #gru}: dzx (always), dRecurrentKernel, dRecurrentBias, dh0 (null when not wanted). */
    void gruBackward(DType dtype, Object gOut, Object recurrentKernel, Object h0, Object out, Object saved, int batch, int steps, int units,
                     boolean reverse, Object dzx, Object dRecurrentKernel, Object dRecurrentBias, Object dh0);
}
