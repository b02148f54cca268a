package io.keras4j.ops;

import io.keras4j.autodiff.GradientTape;
import io.keras4j.autodiff.Primitives;
import io.keras4j.backend.BinaryOp;
import io.keras4j.backend.ReduceOp;
import io.keras4j.backend.UnaryOp;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code keras.ops} surface: NumPy-style and neural-network operations, all composed from
 * {@link Primitives} and so differentiable without further code. Mixed dtypes are promoted
 * (int32 &lt; int64 &lt; float32 &lt; float64); Java numbers take the dtype of the tensor operand.
 */
public final class Ops {
    private Ops() {}

    // ------------------------------------------------------------------ creation

    public static Tensor convertToTensor(float[] v, int... shape) { return Tensor.of(v, shape); }

    public static Tensor zeros(Shape shape, DType dtype) { return Tensor.zeros(shape, dtype); }

    public static Tensor ones(Shape shape, DType dtype) { return Tensor.full(shape, 1, dtype); }

    public static Tensor full(Shape shape, double value, DType dtype) { return Tensor.full(shape, value, dtype); }

    public static Tensor zerosLike(Tensor x) { return Tensor.zeros(x.shape(), x.dtype()); }

    public static Tensor onesLike(Tensor x) { return Tensor.full(x.shape(), 1, x.dtype()); }

    public static Tensor arange(int n, DType dtype) {
        Tensor t = Tensor.zeros(Shape.of(n), DType.FLOAT64);
        double[] d = t.doubles();
        for (int i = 0; i < n; i++) d[i] = i;
        return Primitives.cast(t, dtype);
    }

    /** The n×n identity matrix. */
    public static Tensor eye(int n, DType dtype) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) d[i * n + i] = 1;
        return Primitives.cast(Tensor.of(d, n, n), dtype);
    }

    public static Tensor scalar(double v, DType dtype) { return Tensor.scalar(v, dtype); }

    // ------------------------------------------------------------------ dtype

    public static Tensor cast(Tensor x, DType dtype) { return Primitives.cast(x, dtype); }

    private static int order(DType d) {
        return switch (d) {
            case INT32 -> 0;
            case INT64 -> 1;
            case FLOAT32 -> 2;
            case FLOAT64 -> 3;
            case STRING -> throw Tensor.notNumeric(d);
        };
    }

    private static Tensor bin(BinaryOp op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            DType t = order(a.dtype()) >= order(b.dtype()) ? a.dtype() : b.dtype();
            a = Primitives.cast(a, t);
            b = Primitives.cast(b, t);
        }
        return Primitives.binary(op, a, b);
    }

    /**
     * A Java number as a tensor of t's dtype (a weak type, as Keras treats Python numbers), except
     * that a fractional or non-finite number against an integer tensor is float32, which then
     * promotes the tensor, as int32 * 0.5 does in Keras, instead of being truncated.
     */
    private static Tensor like(double v, Tensor t) {
        boolean integral = v == Math.rint(v) && !Double.isInfinite(v);
        return Tensor.scalar(v, t.dtype().isFloating() || integral ? t.dtype() : DType.FLOAT32);
    }

    /** x itself when floating, else x cast to float32: Keras's result type for true division and transcendental functions of integers. */
    private static Tensor floating(Tensor x) { return x.dtype().isFloating() ? x : Primitives.cast(x, DType.FLOAT32); }

    // ------------------------------------------------------------------ arithmetic

    public static Tensor add(Tensor a, Tensor b) { return bin(BinaryOp.ADD, a, b); }

    public static Tensor add(Tensor a, double b) { return bin(BinaryOp.ADD, a, like(b, a)); }

    public static Tensor subtract(Tensor a, Tensor b) { return bin(BinaryOp.SUB, a, b); }

    public static Tensor subtract(Tensor a, double b) { return bin(BinaryOp.SUB, a, like(b, a)); }

    public static Tensor subtract(double a, Tensor b) { return bin(BinaryOp.SUB, like(a, b), b); }

    public static Tensor multiply(Tensor a, Tensor b) { return bin(BinaryOp.MUL, a, b); }

    public static Tensor multiply(Tensor a, double b) { return bin(BinaryOp.MUL, a, like(b, a)); }

    /** True division: integers divide as float32 (7 / 2 = 3.5), as in Keras. */
    public static Tensor divide(Tensor a, Tensor b) { return bin(BinaryOp.DIV, floating(a), floating(b)); }

    public static Tensor divide(Tensor a, double b) {
        Tensor fa = floating(a);
        return bin(BinaryOp.DIV, fa, like(b, fa));
    }

    public static Tensor divide(double a, Tensor b) {
        Tensor fb = floating(b);
        return bin(BinaryOp.DIV, like(a, fb), fb);
    }

    public static Tensor power(Tensor a, Tensor b) { return bin(BinaryOp.POW, a, b); }

    public static Tensor power(Tensor a, double b) {
        if (b == 2) return square(a);
        if (b == 1) return a;
        return bin(BinaryOp.POW, a, like(b, a));
    }

    public static Tensor maximum(Tensor a, Tensor b) { return bin(BinaryOp.MAX, a, b); }

    public static Tensor maximum(Tensor a, double b) { return bin(BinaryOp.MAX, a, like(b, a)); }

    public static Tensor minimum(Tensor a, Tensor b) { return bin(BinaryOp.MIN, a, b); }

    public static Tensor minimum(Tensor a, double b) { return bin(BinaryOp.MIN, a, like(b, a)); }

    public static Tensor clip(Tensor x, double lo, double hi) { return minimum(maximum(x, lo), hi); }

    public static Tensor negative(Tensor x) { return Primitives.unary(UnaryOp.NEG, x); }

    public static Tensor exp(Tensor x) { return Primitives.unary(UnaryOp.EXP, floating(x)); }

    public static Tensor log(Tensor x) { return Primitives.unary(UnaryOp.LOG, floating(x)); }

    public static Tensor log1p(Tensor x) { return Primitives.unary(UnaryOp.LOG1P, floating(x)); }

    public static Tensor expm1(Tensor x) { return Primitives.unary(UnaryOp.EXPM1, floating(x)); }

    public static Tensor sqrt(Tensor x) { return Primitives.unary(UnaryOp.SQRT, floating(x)); }

    public static Tensor square(Tensor x) { return Primitives.unary(UnaryOp.SQUARE, x); }

    public static Tensor abs(Tensor x) { return Primitives.unary(UnaryOp.ABS, x); }

    public static Tensor sign(Tensor x) { return Primitives.unary(UnaryOp.SIGN, x); }

    public static Tensor tanh(Tensor x) { return Primitives.unary(UnaryOp.TANH, floating(x)); }

    public static Tensor sin(Tensor x) { return Primitives.unary(UnaryOp.SIN, floating(x)); }

    public static Tensor cos(Tensor x) { return Primitives.unary(UnaryOp.COS, floating(x)); }

    public static Tensor erf(Tensor x) { return Primitives.unary(UnaryOp.ERF, floating(x)); }

    public static Tensor floor(Tensor x) { return Primitives.unary(UnaryOp.FLOOR, x); }

    public static Tensor ceil(Tensor x) { return Primitives.unary(UnaryOp.CEIL, x); }

    public static Tensor round(Tensor x) { return Primitives.unary(UnaryOp.ROUND, x); }

    public static Tensor reciprocal(Tensor x) { return Primitives.unary(UnaryOp.RECIPROCAL, floating(x)); }

    // ------------------------------------------------------------------ comparison and selection

    public static Tensor greater(Tensor a, Tensor b) { return bin(BinaryOp.GREATER, a, b); }

    public static Tensor greater(Tensor a, double b) { return bin(BinaryOp.GREATER, a, like(b, a)); }

    public static Tensor greaterEqual(Tensor a, Tensor b) { return bin(BinaryOp.GREATER_EQUAL, a, b); }

    public static Tensor greaterEqual(Tensor a, double b) { return bin(BinaryOp.GREATER_EQUAL, a, like(b, a)); }

    public static Tensor less(Tensor a, Tensor b) { return bin(BinaryOp.LESS, a, b); }

    public static Tensor less(Tensor a, double b) { return bin(BinaryOp.LESS, a, like(b, a)); }

    public static Tensor lessEqual(Tensor a, Tensor b) { return bin(BinaryOp.LESS_EQUAL, a, b); }

    public static Tensor lessEqual(Tensor a, double b) { return bin(BinaryOp.LESS_EQUAL, a, like(b, a)); }

    public static Tensor equal(Tensor a, Tensor b) { return bin(BinaryOp.EQUAL, a, b); }

    public static Tensor equal(Tensor a, double b) { return bin(BinaryOp.EQUAL, a, like(b, a)); }

    public static Tensor notEqual(Tensor a, Tensor b) { return bin(BinaryOp.NOT_EQUAL, a, b); }

    /** where(cond, a, b) with broadcasting; cond is nonzero for true. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            DType t = order(a.dtype()) >= order(b.dtype()) ? a.dtype() : b.dtype();
            a = cast(a, t);
            b = cast(b, t);
        }
        Shape s = Shape.broadcast(Shape.broadcast(cond.shape(), a.shape()), b.shape());
        return Primitives.where(Primitives.broadcastTo(cond, s), Primitives.broadcastTo(a, s), Primitives.broadcastTo(b, s));
    }

    public static Tensor where(Tensor cond, Tensor a, double b) { return where(cond, a, like(b, a)); }

    public static Tensor where(Tensor cond, double a, Tensor b) { return where(cond, like(a, b), b); }

    /** The value, with no gradient flowing through it. */
    public static Tensor stopGradient(Tensor x) { return GradientTape.stopRecording(() -> x.withShape(x.shape())); }

    // ------------------------------------------------------------------ reductions

    public static Tensor sum(Tensor x) { return Primitives.reduce(ReduceOp.SUM, x, null, false); }

    public static Tensor sum(Tensor x, int axis, boolean keepDims) { return Primitives.reduce(ReduceOp.SUM, x, new int[] {axis}, keepDims); }

    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) { return Primitives.reduce(ReduceOp.SUM, x, axes, keepDims); }

    public static Tensor mean(Tensor x) { return divide(sum(x), Math.max(1, x.size())); }

    public static Tensor mean(Tensor x, int axis, boolean keepDims) { return mean(x, new int[] {axis}, keepDims); }

    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        int count = 1;
        for (int a : axes == null ? allAxes(x) : axes) count *= x.shape().dim(a);
        return divide(sum(x, axes, keepDims), Math.max(1, count));
    }

    public static Tensor max(Tensor x) { return Primitives.reduce(ReduceOp.MAX, x, null, false); }

    public static Tensor max(Tensor x, int axis, boolean keepDims) { return Primitives.reduce(ReduceOp.MAX, x, new int[] {axis}, keepDims); }

    public static Tensor min(Tensor x) { return Primitives.reduce(ReduceOp.MIN, x, null, false); }

    public static Tensor min(Tensor x, int axis, boolean keepDims) { return Primitives.reduce(ReduceOp.MIN, x, new int[] {axis}, keepDims); }

    public static Tensor var(Tensor x, int[] axes, boolean keepDims) {
        Tensor m = mean(x, axes, true);
        return mean(square(subtract(x, m)), axes, keepDims);
    }

    public static Tensor argmax(Tensor x, int axis) { return Primitives.argReduce(true, x, axis); }

    public static Tensor argmin(Tensor x, int axis) { return Primitives.argReduce(false, x, axis); }

    /** log(sum(exp(x))) along axis, computed stably by shifting by the (constant) maximum. */
    public static Tensor logsumexp(Tensor x, int axis, boolean keepDims) {
        Tensor m = stopGradient(max(x, axis, true));
        Tensor finiteM = where(isFinite(m), m, 0.0);
        Tensor s = add(log(sum(exp(subtract(x, finiteM)), axis, true)), finiteM);
        return keepDims ? s : squeeze(s, axis);
    }

    public static Tensor isFinite(Tensor x) {
        return GradientTape.stopRecording(() -> less(abs(x), Double.POSITIVE_INFINITY));
    }

    public static Tensor isNan(Tensor x) { return notEqual(x, x); }

    private static int[] allAxes(Tensor x) {
        int[] a = new int[x.rank()];
        for (int i = 0; i < a.length; i++) a[i] = i;
        return a;
    }

    // ------------------------------------------------------------------ linear algebra

    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.rank() == 1 && b.rank() == 1) return sum(multiply(a, b));
        if (a.rank() == 1) return squeeze(matmul(expandDims(a, 0), b), -2);
        if (b.rank() == 1) return squeeze(matmul(a, expandDims(b, -1)), -1);
        if (a.dtype() != b.dtype()) {
            DType t = order(a.dtype()) >= order(b.dtype()) ? a.dtype() : b.dtype();
            return Primitives.matmul(cast(a, t), cast(b, t), false, false);
        }
        return Primitives.matmul(a, b, false, false);
    }

    /** Matrix product with either operand transposed, without materialising the transpose. */
    public static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        return Primitives.matmul(a, b, transposeA, transposeB);
    }

    /** x · w along x's last axis, for x of any rank >= 1 (Dense's kernel product). */
    public static Tensor dotLastAxis(Tensor x, Tensor w) {
        if (x.rank() == 2) return Primitives.matmul(x, w, false, false);
        int last = x.shape().dim(-1);
        Tensor flat = Primitives.reshape(x, Shape.of(-1, last));
        Tensor y = Primitives.matmul(flat, w, false, false);
        int[] d = x.shape().dims();
        d[d.length - 1] = w.shape().dim(1);
        return Primitives.reshape(y, Shape.of(d));
    }

    // ------------------------------------------------------------------ shape

    public static Tensor reshape(Tensor x, int... shape) { return Primitives.reshape(x, Shape.of(shape)); }

    public static Tensor reshape(Tensor x, Shape shape) { return Primitives.reshape(x, shape); }

    public static Tensor transpose(Tensor x, int... perm) {
        if (perm.length == 0) {
            perm = new int[x.rank()];
            for (int i = 0; i < perm.length; i++) perm[i] = x.rank() - 1 - i;
        }
        return Primitives.transpose(x, perm);
    }

    public static Tensor expandDims(Tensor x, int axis) {
        int r = x.rank() + 1;
        int a = axis < 0 ? axis + r : axis;
        if (a < 0 || a >= r) throw new IllegalArgumentException("axis " + axis + " is out of bounds for expand_dims on rank " + x.rank());
        int[] d = new int[r];
        for (int i = 0, j = 0; i < r; i++) d[i] = i == a ? 1 : x.shape().dim(j++);
        return Primitives.reshape(x, Shape.of(d));
    }

    public static Tensor squeeze(Tensor x, int axis) {
        int a = x.shape().normalizeAxis(axis);
        if (x.shape().dim(a) != 1) throw new IllegalArgumentException("Cannot squeeze axis " + axis + " of shape " + x.shape() + ": its size is not 1");
        int[] d = new int[x.rank() - 1];
        for (int i = 0, j = 0; i < x.rank(); i++) if (i != a) d[j++] = x.shape().dim(i);
        return Primitives.reshape(x, Shape.of(d));
    }

    public static Tensor broadcastTo(Tensor x, Shape shape) { return Primitives.broadcastTo(x, shape); }

    public static Tensor concatenate(List<Tensor> xs, int axis) {
        DType t = xs.get(0).dtype();
        for (Tensor x : xs) if (order(x.dtype()) > order(t)) t = x.dtype();
        List<Tensor> cast = new ArrayList<>();
        for (Tensor x : xs) cast.add(cast(x, t));
        return Primitives.concat(cast, axis);
    }

    public static Tensor stack(List<Tensor> xs, int axis) {
        List<Tensor> e = new ArrayList<>();
        for (Tensor x : xs) e.add(expandDims(x, axis));
        return concatenate(e, axis);
    }

    /** x[begin : begin + size] on every axis. */
    public static Tensor slice(Tensor x, int[] begin, int[] size) { return Primitives.slice(x, begin, size); }

    /** Rows [from, to) along axis 0 (batch slicing). */
    public static Tensor sliceAxis0(Tensor x, int from, int to) {
        int[] begin = new int[x.rank()], size = x.shape().dims();
        begin[0] = from;
        size[0] = to - from;
        return Primitives.slice(x, begin, size);
    }

    public static Tensor take(Tensor x, Tensor indices, int axis) { return Primitives.gather(x, indices, axis); }

    /** Pads with zeros: {@code widths[i] = {before, after}} for each axis. */
    public static Tensor pad(Tensor x, int[][] widths) {
        int[] begin = new int[x.rank()], d = x.shape().dims();
        for (int i = 0; i < x.rank(); i++) {
            begin[i] = widths[i][0];
            d[i] += widths[i][0] + widths[i][1];
        }
        return Primitives.pad(x, begin, Shape.of(d));
    }

    /** One-hot encoding of integer labels along a new last axis; out-of-range labels give all zeros. */
    public static Tensor oneHot(Tensor labels, int numClasses, DType dtype) {
        int[] idx = labels.toIntArray();
        Object data = dtype.allocate(idx.length * numClasses);
        Tensor t = Tensor.wrap(data, labels.shape().append(numClasses));
        double[] tmp = new double[idx.length * numClasses];
        for (int i = 0; i < idx.length; i++) if (idx[i] >= 0 && idx[i] < numClasses) tmp[i * numClasses + idx[i]] = 1;
        return cast(Tensor.of(tmp, t.shape().dims()), dtype);
    }

    // ------------------------------------------------------------------ neural-network functions

    public static Tensor relu(Tensor x) { return Primitives.unary(UnaryOp.RELU, x); }

    public static Tensor sigmoid(Tensor x) { return Primitives.unary(UnaryOp.SIGMOID, floating(x)); }

    /**
     * softplus(x) = log(1 + exp(x)), stable for large |x|: max(x, 0) + log1p(exp(-|x|)). max(x, 0)
     * is written (x + |x|) / 2, exact in floating point, so that the gradient at 0 is sigmoid(0) =
     * 1/2: relu's and abs's gradients are both 0 there.
     */
    public static Tensor softplus(Tensor x) {
        Tensor f = floating(x);
        Tensor ax = abs(f);
        return add(multiply(add(f, ax), 0.5), log1p(exp(negative(ax))));
    }

    public static Tensor softmax(Tensor x, int axis) {
        Tensor m = stopGradient(max(x, axis, true));
        Tensor e = exp(subtract(x, m));
        return divide(e, sum(e, axis, true));
    }

    public static Tensor logSoftmax(Tensor x, int axis) {
        Tensor m = stopGradient(max(x, axis, true));
        Tensor shifted = subtract(x, m);
        return subtract(shifted, log(sum(exp(shifted), axis, true)));
    }

    /** l2 normalisation along an axis: x / sqrt(max(sum(x^2), epsilon)). */
    public static Tensor l2Normalize(Tensor x, int axis, double epsilon) {
        return divide(x, sqrt(maximum(sum(square(x), axis, true), epsilon)));
    }

    // ------------------------------------------------------------------ convolution and pooling

    /**
     * keras.ops.conv: N-D convolution of inputs (batch, spatial..., channels) — or (batch,
     * channels, spatial...) for "channels_first" — with a kernel (k..., in / groups, filters); the
     * groups are inferred from the kernel, as Keras does. padding "valid" or "same" (TensorFlow's:
     * an odd extra padding cell goes at the end).
     */
    public static Tensor conv(Tensor inputs, Tensor kernel, int[] strides, String padding, String dataFormat, int[] dilationRate) {
        int rank = inputs.rank() - 2;
        Tensor x = toChannelsLast(floating(inputs), dataFormat);
        Tensor k = cast(kernel, x.dtype());
        int[] s = expand("strides", strides, rank), d = expand("dilation_rate", dilationRate, rank);
        int[] kernelSize = k.shape().sub(0, rank).dims();
        int[][] pads = padding(padding, x.shape(), kernelSize, s, d);
        int in = x.shape().dim(-1), kin = k.shape().dim(-2);
        if (kin <= 0 || in % kin != 0) {
            throw new IllegalArgumentException("The number of input channels must be evenly divisible by kernel.shape[-2]. Received: inputs.shape="
                    + inputs.shape() + ", kernel.shape=" + kernel.shape());
        }
        Tensor y = Primitives.conv(x, k, s, d, pads[0], pads[1], in / kin);
        return fromChannelsLast(y, dataFormat);
    }

    public static Tensor conv(Tensor inputs, Tensor kernel, int strides, String padding) {
        return conv(inputs, kernel, new int[] {strides}, padding, "channels_last", new int[] {1});
    }

    /**
     * keras.ops.depthwise_conv: each input channel convolved with its own depth_multiplier
     * filters; kernel (k..., in, depth_multiplier), output channel c * depth_multiplier + m. A
     * grouped convolution with one group per input channel.
     */
    public static Tensor depthwiseConv(Tensor inputs, Tensor kernel, int[] strides, String padding, String dataFormat, int[] dilationRate) {
        int rank = kernel.rank() - 2;
        int[] d = kernel.shape().dims();
        int[] grouped = java.util.Arrays.copyOf(d, rank + 2);
        grouped[rank] = 1;
        grouped[rank + 1] = d[rank] * d[rank + 1];
        return conv(inputs, reshape(kernel, grouped), strides, padding, dataFormat, dilationRate);
    }

    /** keras.ops.separable_conv: depthwise convolution then a 1x1 pointwise convolution (kernel (1..., in * dm, filters)). */
    public static Tensor separableConv(Tensor inputs, Tensor depthwiseKernel, Tensor pointwiseKernel, int[] strides, String padding,
                                       String dataFormat, int[] dilationRate) {
        Tensor depthwise = depthwiseConv(inputs, depthwiseKernel, strides, padding, dataFormat, dilationRate);
        return conv(depthwise, pointwiseKernel, new int[] {1}, "valid", dataFormat, new int[] {1});
    }

    /**
     * keras.ops.conv_transpose: the transposed convolution (the gradient of conv with respect to
     * its input) of inputs with a kernel (k..., filters, in). The output length per axis is
     * Keras's: "valid" (n - 1) * stride + span + output_padding, where output_padding defaults to
     * max(span, stride) - span; "same" n * stride without output_padding, else
     * (n - 1) * stride + span - 2 * (span / 2) + output_padding (span = (k - 1) * dilation + 1).
     */
    public static Tensor convTranspose(Tensor inputs, Tensor kernel, int[] strides, String padding, int[] outputPadding,
                                       String dataFormat, int[] dilationRate) {
        int rank = inputs.rank() - 2;
        Tensor y = toChannelsLast(floating(inputs), dataFormat);
        Tensor k = cast(kernel, y.dtype());
        int[] s = expand("strides", strides, rank), d = expand("dilation_rate", dilationRate, rank);
        int[] op = outputPadding == null ? null : expand("output_padding", outputPadding, rank);
        String p = checkPadding(padding, false);
        int[] out = new int[rank], before = new int[rank], kernelSize = k.shape().sub(0, rank).dims();
        for (int i = 0; i < rank; i++) {
            int span = (kernelSize[i] - 1) * d[i] + 1, n = y.shape().dim(i + 1);
            if (p.equals("valid")) {
                out[i] = (n - 1) * s[i] + span + (op == null ? Math.max(span, s[i]) - span : op[i]);
            } else {
                out[i] = op == null ? n * s[i] : (n - 1) * s[i] + span - 2 * (span / 2) + op[i];
            }
            // Keras pads the stride-dilated inputs by `left` (its JAX conversion); seen as the
            // forward convolution from `out` cells back to n cells, that is span - 1 - left before.
            if (p.equals("same")) {
                int padLen = op == null ? s[i] + span - 2 : span + span % 2 - 2 + op[i];
                int left = Math.min(padLen / 2 + padLen % 2, span - 1);
                before[i] = span - 1 - left;
            }
        }
        if (y.shape().dim(-1) != k.shape().dim(-1)) {
            throw new IllegalArgumentException("conv_transpose: inputs have " + y.shape().dim(-1) + " channels but kernel.shape[-1]="
                    + k.shape().dim(-1) + ". Received: inputs.shape=" + inputs.shape() + ", kernel.shape=" + kernel.shape());
        }
        var g = new io.keras4j.backend.Backend.ConvGeometry(y.shape().dim(0), out, k.shape().dim(-2), kernelSize, k.shape().dim(-1), 1,
                s, d, before, y.shape().sub(1, rank + 1).dims());
        return fromChannelsLast(Primitives.convTranspose(y, k, g), dataFormat);
    }

    /** keras.ops.max_pool; strides null means pool_size. Padding cells never win. */
    public static Tensor maxPool(Tensor inputs, int[] poolSize, int[] strides, String padding, String dataFormat) {
        return pool(true, inputs, poolSize, strides, padding, dataFormat);
    }

    /** keras.ops.average_pool; strides null means pool_size. Averages over the cells inside the input only. */
    public static Tensor averagePool(Tensor inputs, int[] poolSize, int[] strides, String padding, String dataFormat) {
        return pool(false, inputs, poolSize, strides, padding, dataFormat);
    }

    private static Tensor pool(boolean max, Tensor inputs, int[] poolSize, int[] strides, String padding, String dataFormat) {
        int rank = inputs.rank() - 2;
        Tensor x = toChannelsLast(floating(inputs), dataFormat);
        int[] ps = expand("pool_size", poolSize, rank);
        int[] s = strides == null ? ps : expand("strides", strides, rank);
        int[] ones = new int[rank];
        java.util.Arrays.fill(ones, 1);
        int[][] pads = padding(padding, x.shape(), ps, s, ones);
        return fromChannelsLast(Primitives.pool(max, x, ps, s, pads[0], pads[1]), dataFormat);
    }

    /** Per-axis {before, after} padding for "valid" or TensorFlow's "same" (out = ceil(n / stride), the odd cell after). */
    private static int[][] padding(String padding, Shape channelsLast, int[] kernel, int[] strides, int[] dilation) {
        String p = checkPadding(padding, false);
        int rank = kernel.length;
        int[][] pads = new int[2][rank];
        if (p.equals("same")) {
            for (int i = 0; i < rank; i++) {
                int n = channelsLast.dim(i + 1), span = (kernel[i] - 1) * dilation[i] + 1;
                int out = (n + strides[i] - 1) / strides[i];
                int total = Math.max((out - 1) * strides[i] + span - n, 0);
                pads[0][i] = total / 2;
                pads[1][i] = total - total / 2;
            }
        }
        return pads;
    }

    private static String checkPadding(String padding, boolean causalAllowed) {
        String p = padding == null ? "valid" : padding.toLowerCase(java.util.Locale.ROOT);
        if (!p.equals("valid") && !p.equals("same") && !(causalAllowed && p.equals("causal"))) {
            throw new IllegalArgumentException("The `padding` argument must be one of \"valid\", \"same\". Received: padding=" + padding);
        }
        return p;
    }

    /** An int or a per-axis tuple, as Keras's standardize_tuple: one value is repeated over all spatial axes. */
    private static int[] expand(String name, int[] values, int rank) {
        if (values == null) throw new IllegalArgumentException("The `" + name + "` argument must be a tuple of " + rank + " integers. Received: " + name + "=None");
        int[] out;
        if (values.length == 1) {
            out = new int[rank];
            java.util.Arrays.fill(out, values[0]);
        } else if (values.length == rank) {
            out = values.clone();
        } else {
            throw new IllegalArgumentException("The `" + name + "` argument must be a tuple of " + rank + " integers. Received: "
                    + name + "=" + java.util.Arrays.toString(values));
        }
        for (int v : out) {
            if (v <= 0 && !name.equals("output_padding") || v < 0) {
                throw new IllegalArgumentException("The `" + name + "` argument must be a tuple of " + rank + " positive integers. Received: "
                        + name + "=" + java.util.Arrays.toString(values));
            }
        }
        return out;
    }

    private static boolean channelsFirst(String dataFormat) {
        String f = dataFormat == null ? "channels_last" : dataFormat;
        if (!f.equals("channels_last") && !f.equals("channels_first")) {
            throw new IllegalArgumentException("The `data_format` argument must be one of \"channels_first\", \"channels_last\". Received: data_format=" + dataFormat);
        }
        return f.equals("channels_first");
    }

    /** (batch, channels, spatial...) to (batch, spatial..., channels); identity for channels_last. */
    private static Tensor toChannelsLast(Tensor x, String dataFormat) {
        if (x.rank() < 3) throw new IllegalArgumentException("Expected inputs of rank >= 3 (batch, spatial..., channels), got shape " + x.shape());
        if (!channelsFirst(dataFormat)) return x;
        int r = x.rank();
        int[] perm = new int[r];
        perm[0] = 0;
        for (int i = 1; i < r - 1; i++) perm[i] = i + 1;
        perm[r - 1] = 1;
        return transpose(x, perm);
    }

    private static Tensor fromChannelsLast(Tensor y, String dataFormat) {
        if (!channelsFirst(dataFormat)) return y;
        int r = y.rank();
        int[] perm = new int[r];
        perm[0] = 0;
        perm[1] = r - 1;
        for (int i = 2; i < r; i++) perm[i] = i - 1;
        return transpose(y, perm);
    }
}
