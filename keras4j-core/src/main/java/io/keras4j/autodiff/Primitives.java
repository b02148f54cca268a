package io.keras4j.autodiff;

import io.keras4j.backend.Backend;
import io.keras4j.backend.Backend.ConvGeometry;
import io.keras4j.backend.Backends;
import io.keras4j.backend.BinaryOp;
import io.keras4j.backend.ReduceOp;
import io.keras4j.backend.ScratchPool;
import io.keras4j.backend.UnaryOp;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * The primitives: the only operations that touch the backend. Each checks its arguments, computes
 * its output shape, runs the backend kernel, and records itself on open gradient tapes. Their
 * gradient rules are all in {@link Gradients}. Everything in {@code io.keras4j.ops} is built from
 * these.
 */
public final class Primitives {
    /** The recorded kinds. Comparisons, arg-reductions and random numbers are not differentiable and are never recorded. */
    enum Prim { UNARY, BINARY, WHERE, REDUCE, MATMUL, RESHAPE, TRANSPOSE, BROADCAST_TO, SLICE, PAD, CONCAT, GATHER, SCATTER_ADD, CAST, CONV, CONV_TRANSPOSE, MAX_POOL, AVG_POOL, LSTM, SIMPLE_RNN, GRU }

    record ReduceAttr(ReduceOp op, int[] axes, boolean keepDims) {}
    record MatmulAttr(boolean transA, boolean transB) {}
    record IndexAttr(int axis, int[] indices, Shape indexShape, int axisSize) {}
    /** What an LSTM's backward pass reads: the activated gates and the cell states of every step. */
    record LstmAttr(boolean reverse, Object gates, Object cells) {}
    /** What a GRU's backward pass reads: z, r, hh and the recurrent part of the candidate of every step. */
    record GruAttr(boolean reverse, Object saved) {}

    private Primitives() {}

    private static Backend be() { return Backends.get(); }

    private static Tensor out(Object data, Shape shape) { return Tensor.wrap(data, shape); }

    private static Tensor recorded(Prim prim, Tensor out, Object attr, Tensor... inputs) {
        if (GradientTape.recording() && out.dtype().isFloating()) GradientTape.record(prim, inputs, out, attr);
        return out;
    }

    // ------------------------------------------------------------------ elementwise

    public static Tensor unary(UnaryOp op, Tensor x) {
        Object o = ScratchPool.allocate(x.dtype(), x.size());
        be().unary(op, x.dtype(), x.data(), o, x.size());
        return recorded(Prim.UNARY, out(o, x.shape()), op, x);
    }

    /** Broadcasting binary operation; operands must share a dtype (ops promotes before calling). */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("Operands of " + op + " must have the same dtype, got " + a.dtype() + " and " + b.dtype());
        }
        Shape s = Shape.broadcast(a.shape(), b.shape());
        Object o = ScratchPool.allocate(a.dtype(), s.size());
        be().binary(op, a.dtype(), a.data(), a.shape().dims(), b.data(), b.shape().dims(), o, s.dims());
        Tensor t = out(o, s);
        return op.isComparison() ? t : recorded(Prim.BINARY, t, op, a, b);
    }

    /** where(cond, a, b) on tensors of one shape (ops broadcasts first). */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        if (!cond.shape().equals(a.shape()) || !a.shape().equals(b.shape())) {
            throw new IllegalArgumentException("where needs equal shapes, got " + cond.shape() + ", " + a.shape() + ", " + b.shape());
        }
        if (a.dtype() != b.dtype()) throw new IllegalArgumentException("where needs equal dtypes, got " + a.dtype() + " and " + b.dtype());
        Object o = ScratchPool.allocate(a.dtype(), a.size());
        be().where(cond.dtype(), cond.data(), a.dtype(), a.data(), b.data(), o, a.size());
        return recorded(Prim.WHERE, out(o, a.shape()), null, cond, a, b);
    }

    public static Tensor cast(Tensor x, DType to) {
        if (x.dtype() == to) return x;
        Object o = ScratchPool.allocate(to, x.size());
        be().cast(x.dtype(), x.data(), to, o, x.size());
        Tensor t = out(o, x.shape());
        return x.dtype().isFloating() ? recorded(Prim.CAST, t, null, x) : t;
    }

    // ------------------------------------------------------------------ reductions

    /** Normalised, sorted, unique axes; null or empty-with-all means every axis. */
    static int[] normalizeAxes(Shape shape, int[] axes) {
        if (axes == null) {
            int[] all = new int[shape.rank()];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return all;
        }
        int[] a = new int[axes.length];
        for (int i = 0; i < axes.length; i++) a[i] = shape.normalizeAxis(axes[i]);
        a = Arrays.stream(a).sorted().distinct().toArray();
        if (a.length != axes.length) throw new IllegalArgumentException("Duplicate axes in " + Arrays.toString(axes));
        return a;
    }

    static Shape reducedShape(Shape s, int[] axes, boolean keepDims) {
        int[] d = s.dims();
        int[] out = new int[keepDims ? d.length : d.length - axes.length];
        for (int i = 0, j = 0, k = 0; i < d.length; i++) {
            boolean red = k < axes.length && axes[k] == i;
            if (red) k++;
            if (keepDims) out[j++] = red ? 1 : d[i];
            else if (!red) out[j++] = d[i];
        }
        return Shape.of(out);
    }

    public static Tensor reduce(ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        int[] ax = normalizeAxes(x.shape(), axes);
        Shape outShape = reducedShape(x.shape(), ax, keepDims);
        Tensor src = x;
        boolean contiguous = ax.length == 0 || ax[ax.length - 1] - ax[0] == ax.length - 1;
        int outer, red = 1, inner = 1;
        if (contiguous && ax.length > 0) {
            outer = 1;
            for (int i = 0; i < ax[0]; i++) outer *= x.shape().dim(i);
            for (int a : ax) red *= x.shape().dim(a);
            for (int i = ax[ax.length - 1] + 1; i < x.rank(); i++) inner *= x.shape().dim(i);
        } else if (ax.length == 0) {
            outer = x.size();
        } else {
            // Move the reduced axes last so they form one contiguous block.
            int[] perm = new int[x.rank()];
            int j = 0;
            for (int i = 0; i < x.rank(); i++) if (Arrays.binarySearch(ax, i) < 0) perm[j++] = i;
            for (int a : ax) perm[j++] = a;
            src = GradientTape.stopRecording(() -> transpose(x, perm));
            for (int a : ax) red *= x.shape().dim(a);
            outer = x.size() / Math.max(1, red);
            if (red == 0) outer = outShape.size();
        }
        Object o = ScratchPool.allocate(x.dtype(), outShape.size());
        be().reduce(op, x.dtype(), src.data(), outer, red, inner, o);
        return recorded(Prim.REDUCE, out(o, outShape), new ReduceAttr(op, ax, keepDims), x);
    }

    /** Index of the maximum (or minimum) along one axis, as int32. */
    public static Tensor argReduce(boolean max, Tensor x, int axis) {
        int a = x.shape().normalizeAxis(axis);
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= x.shape().dim(i);
        for (int i = a + 1; i < x.rank(); i++) inner *= x.shape().dim(i);
        int[] o = new int[outer * inner];
        be().argReduce(max, x.dtype(), x.data(), outer, x.shape().dim(a), inner, o);
        return out(o, reducedShape(x.shape(), new int[] {a}, false));
    }

    // ------------------------------------------------------------------ matmul

    /**
     * Matrix product of the last two axes, batched over the leading ones: both operands have the
     * same batch dimensions, or one of them is a plain matrix shared by the whole batch.
     */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException("matmul needs operands of rank >= 2, got shapes " + a.shape() + " and " + b.shape());
        }
        if (a.dtype() != b.dtype()) throw new IllegalArgumentException("matmul needs equal dtypes, got " + a.dtype() + " and " + b.dtype());
        int m = transA ? a.shape().dim(-1) : a.shape().dim(-2), ka = transA ? a.shape().dim(-2) : a.shape().dim(-1);
        int kb = transB ? b.shape().dim(-1) : b.shape().dim(-2), n = transB ? b.shape().dim(-2) : b.shape().dim(-1);
        if (ka != kb) {
            throw new IllegalArgumentException("Incompatible shapes for matmul: " + a.shape() + (transA ? "ᵀ" : "") + " and "
                    + b.shape() + (transB ? "ᵀ" : "") + " (inner dimensions " + ka + " and " + kb + ")");
        }
        Shape batchA = a.shape().sub(0, a.rank() - 2), batchB = b.shape().sub(0, b.rank() - 2);
        Shape batch;
        if (batchA.rank() == 0) batch = batchB;
        else if (batchB.rank() == 0 || batchA.equals(batchB)) batch = batchA;
        else throw new IllegalArgumentException("matmul batch dimensions differ: " + a.shape() + " and " + b.shape());
        int nb = batch.size();
        Shape outShape = batch.append(m).append(n);
        Object o = ScratchPool.allocate(a.dtype(), outShape.size());
        be().matmul(a.dtype(), a.data(), batchA.rank() > 0, transA, b.data(), batchB.rank() > 0, transB, o, nb, m, n, ka);
        return recorded(Prim.MATMUL, out(o, outShape), new MatmulAttr(transA, transB), a, b);
    }

    // ------------------------------------------------------------------ layout

    /** Reshape; one dimension may be -1 (inferred). Shares the storage. */
    public static Tensor reshape(Tensor x, Shape shape) {
        int[] d = shape.dims();
        int unknown = -1, known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException("Can only specify one unknown dimension in " + shape);
                unknown = i;
            } else known *= d[i];
        }
        if (unknown >= 0) {
            if (known == 0 || x.size() % known != 0) {
                throw new IllegalArgumentException("Cannot reshape a tensor of shape " + x.shape() + " into shape " + shape);
            }
            d[unknown] = x.size() / known;
        }
        Shape s = Shape.of(d);
        if (s.size() != x.size()) {
            throw new IllegalArgumentException("Cannot reshape a tensor of shape " + x.shape() + " (" + x.size()
                    + " elements) into shape " + s + " (" + s.size() + " elements)");
        }
        if (s.equals(x.shape())) return x;
        return recorded(Prim.RESHAPE, x.withShape(s), null, x);
    }

    public static Tensor transpose(Tensor x, int[] perm) {
        int r = x.rank();
        if (perm.length != r) throw new IllegalArgumentException("transpose: axes " + Arrays.toString(perm) + " do not match rank " + r);
        int[] p = new int[r], d = new int[r];
        boolean[] seen = new boolean[r];
        boolean identity = true;
        for (int i = 0; i < r; i++) {
            p[i] = x.shape().normalizeAxis(perm[i]);
            if (seen[p[i]]) throw new IllegalArgumentException("transpose: repeated axis in " + Arrays.toString(perm));
            seen[p[i]] = true;
            d[i] = x.shape().dim(p[i]);
            identity &= p[i] == i;
        }
        if (identity) return x;
        Object o = ScratchPool.allocate(x.dtype(), x.size());
        be().transpose(x.dtype(), x.data(), x.shape().dims(), p, o);
        return recorded(Prim.TRANSPOSE, out(o, Shape.of(d)), p, x);
    }

    public static Tensor broadcastTo(Tensor x, Shape shape) {
        if (x.shape().equals(shape)) return x;
        Shape b = Shape.broadcast(x.shape(), shape);
        if (!b.equals(shape)) throw new IllegalArgumentException("Cannot broadcast shape " + x.shape() + " to " + shape);
        Object o = ScratchPool.allocate(x.dtype(), shape.size());
        be().broadcastTo(x.dtype(), x.data(), x.shape().dims(), o, shape.dims());
        return recorded(Prim.BROADCAST_TO, out(o, shape), null, x);
    }

    /** x[begin : begin + size] along every axis. */
    public static Tensor slice(Tensor x, int[] begin, int[] size) {
        if (begin.length != x.rank() || size.length != x.rank()) {
            throw new IllegalArgumentException("slice: begin " + Arrays.toString(begin) + " and size " + Arrays.toString(size)
                    + " must have one entry per axis of shape " + x.shape());
        }
        for (int i = 0; i < begin.length; i++) {
            if (begin[i] < 0 || size[i] < 0 || begin[i] + size[i] > x.shape().dim(i)) {
                throw new IllegalArgumentException("slice out of bounds on axis " + i + ": begin " + begin[i] + ", size " + size[i]
                        + " for shape " + x.shape());
            }
        }
        Shape s = Shape.of(size);
        Object o = ScratchPool.allocate(x.dtype(), s.size());
        be().slice(x.dtype(), x.data(), x.shape().dims(), begin, o, size);
        return recorded(Prim.SLICE, out(o, s), begin.clone(), x);
    }

    /** dst[begin : begin + src.shape] += src, in place: only for gradient accumulators the tape owns. */
    static void addInto(Tensor dst, Tensor src, int[] begin) {
        if (dst.dtype() != src.dtype()) throw new IllegalArgumentException("addInto needs equal dtypes, got " + dst.dtype() + " and " + src.dtype());
        be().sliceAdd(src.dtype(), src.data(), src.shape().dims(), begin, dst.data(), dst.shape().dims());
    }

    /** Zeros of {@code outShape} with x placed at offset {@code begin}. */
    public static Tensor pad(Tensor x, int[] begin, Shape outShape) {
        for (int i = 0; i < x.rank(); i++) {
            if (begin[i] < 0 || begin[i] + x.shape().dim(i) > outShape.dim(i)) {
                throw new IllegalArgumentException("pad: shape " + x.shape() + " at offset " + Arrays.toString(begin) + " does not fit in " + outShape);
            }
        }
        Object o = ScratchPool.allocate(x.dtype(), outShape.size());
        be().pad(x.dtype(), x.data(), x.shape().dims(), begin, o, outShape.dims());
        return recorded(Prim.PAD, out(o, outShape), begin.clone(), x);
    }

    public static Tensor concat(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) throw new IllegalArgumentException("concatenate needs at least one tensor");
        Tensor first = parts.get(0);
        int a = first.shape().normalizeAxis(axis);
        int[] sizes = new int[parts.size()];
        Object[] data = new Object[parts.size()];
        int total = 0;
        for (int j = 0; j < parts.size(); j++) {
            Tensor t = parts.get(j);
            if (t.rank() != first.rank() || t.dtype() != first.dtype()) {
                throw new IllegalArgumentException("concatenate: all inputs need the same rank and dtype, got " + first.shape()
                        + " " + first.dtype() + " and " + t.shape() + " " + t.dtype());
            }
            for (int i = 0; i < t.rank(); i++) {
                if (i != a && t.shape().dim(i) != first.shape().dim(i)) {
                    throw new IllegalArgumentException("concatenate: shapes " + first.shape() + " and " + t.shape()
                            + " differ outside the concatenation axis " + axis);
                }
            }
            sizes[j] = t.shape().dim(a);
            total += sizes[j];
            data[j] = t.data();
        }
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= first.shape().dim(i);
        for (int i = a + 1; i < first.rank(); i++) inner *= first.shape().dim(i);
        Shape s = first.shape().withDim(a, total);
        Object o = ScratchPool.allocate(first.dtype(), s.size());
        be().concat(first.dtype(), data, outer, sizes, inner, o);
        return recorded(Prim.CONCAT, out(o, s), new int[] {a}, parts.toArray(new Tensor[0]));
    }

    /** take(x, indices, axis): out.shape = x.shape[:axis] + indices.shape + x.shape[axis+1:]. Negative indices count from the end. */
    public static Tensor gather(Tensor x, Tensor indices, int axis) {
        if (indices.dtype().isFloating()) throw new IllegalArgumentException("take: indices must be integers, got " + indices.dtype());
        int a = x.shape().normalizeAxis(axis);
        int n = x.shape().dim(a);
        int[] idx = indices.toIntArray();
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < -n || idx[i] >= n) throw new IndexOutOfBoundsException("index " + idx[i] + " is out of bounds for axis " + axis + " with size " + n);
            if (idx[i] < 0) idx[i] += n;
        }
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= x.shape().dim(i);
        for (int i = a + 1; i < x.rank(); i++) inner *= x.shape().dim(i);
        int[] d = new int[x.rank() - 1 + indices.rank()];
        int j = 0;
        for (int i = 0; i < a; i++) d[j++] = x.shape().dim(i);
        for (int i = 0; i < indices.rank(); i++) d[j++] = indices.shape().dim(i);
        for (int i = a + 1; i < x.rank(); i++) d[j++] = x.shape().dim(i);
        Shape s = Shape.of(d);
        Object o = ScratchPool.allocate(x.dtype(), s.size());
        be().gather(x.dtype(), x.data(), outer, n, inner, idx, o);
        return recorded(Prim.GATHER, out(o, s), new IndexAttr(a, idx, indices.shape(), n), x);
    }

    /** The adjoint of gather: zeros of x's shape with updates summed in at the indices. */
    static Tensor scatterAdd(Tensor updates, IndexAttr at, Shape outShape) {
        int outer = 1, inner = 1;
        for (int i = 0; i < at.axis(); i++) outer *= outShape.dim(i);
        for (int i = at.axis() + 1; i < outShape.rank(); i++) inner *= outShape.dim(i);
        Object o = ScratchPool.allocate(updates.dtype(), outShape.size());
        be().scatterAdd(updates.dtype(), updates.data(), outer, at.axisSize(), inner, at.indices(), o);
        return recorded(Prim.SCATTER_ADD, out(o, outShape), at, updates);
    }

    static Tensor gatherFlat(Tensor x, IndexAttr at) {
        return gather(x, Tensor.ofInts(at.indices(), at.indexShape().dims()), at.axis());
    }

    static Tensor onesLike(Tensor t) { return Tensor.full(t.shape(), 1, t.dtype()); }

    // ------------------------------------------------------------------ convolution and pooling

    /**
     * N-D channels-last convolution: x (batch, spatial..., in), kernel (k..., in / groups, filters),
     * explicit zero padding before and after each spatial axis. Output spatial size per axis:
     * floor((in + before + after - ((k - 1) * dilation + 1)) / stride) + 1.
     */
    public static Tensor conv(Tensor x, Tensor kernel, int[] strides, int[] dilation, int[] padBefore, int[] padAfter, int groups) {
        int rank = x.rank() - 2;
        if (rank < 1 || kernel.rank() != rank + 2) {
            throw new IllegalArgumentException("conv: inputs of shape " + x.shape() + " and kernel of shape " + kernel.shape()
                    + " do not match: the kernel needs rank inputs.rank (spatial dims + input channels + filters)");
        }
        if (x.dtype() != kernel.dtype()) throw new IllegalArgumentException("conv needs equal dtypes, got " + x.dtype() + " and " + kernel.dtype());
        int cin = x.shape().dim(-1), filters = kernel.shape().dim(-1);
        if (groups < 1 || cin % groups != 0 || filters % groups != 0 || kernel.shape().dim(-2) * groups != cin) {
            throw new IllegalArgumentException("conv: the input channels (" + cin + ") must equal the kernel's input channels ("
                    + kernel.shape().dim(-2) + ") times groups (" + groups + "), and filters (" + filters + ") must be divisible by groups");
        }
        int[] in = x.shape().sub(1, rank + 1).dims(), k = kernel.shape().sub(0, rank).dims(), out = new int[rank];
        for (int d = 0; d < rank; d++) {
            int span = (k[d] - 1) * dilation[d] + 1;
            int room = in[d] + padBefore[d] + padAfter[d] - span;
            out[d] = room < 0 ? 0 : room / strides[d] + 1;
        }
        ConvGeometry g = new ConvGeometry(x.shape().dim(0), in, cin, k, filters, groups, strides.clone(), dilation.clone(), padBefore.clone(), out);
        Shape outShape = Shape.of(out).prepend(x.shape().dim(0)).append(filters);
        Object o = ScratchPool.allocate(x.dtype(), outShape.size());
        be().conv(x.dtype(), x.data(), kernel.data(), g, o);
        return recorded(Prim.CONV, out(o, outShape), g, x, kernel);
    }

    /**
     * The transposed convolution: the gradient with respect to x of the convolution described by
     * {@code g}, applied to y (batch, g.outSpatial..., filters) with the convolution's kernel
     * (k..., in / groups, filters). Output (batch, g.inSpatial..., in).
     */
    public static Tensor convTranspose(Tensor y, Tensor kernel, ConvGeometry g) {
        if (y.dtype() != kernel.dtype()) throw new IllegalArgumentException("conv_transpose needs equal dtypes, got " + y.dtype() + " and " + kernel.dtype());
        ConvGeometry geo = new ConvGeometry(y.shape().dim(0), g.inSpatial(), g.inChannels(), g.kernel(), g.outChannels(), g.groups(),
                g.strides(), g.dilation(), g.padBefore(), g.outSpatial());
        Shape outShape = Shape.of(g.inSpatial()).prepend(y.shape().dim(0)).append(g.inChannels());
        Object o = ScratchPool.allocate(y.dtype(), outShape.size());
        be().convBackpropInput(y.dtype(), y.data(), kernel.data(), geo, o);
        return recorded(Prim.CONV_TRANSPOSE, out(o, outShape), geo, y, kernel);
    }

    /** The kernel gradient of the convolution {@code g} given its input x and output gradient dy (not recorded). */
    static Tensor convKernelGradient(Tensor x, Tensor dy, ConvGeometry g, Shape kernelShape) {
        Object o = ScratchPool.allocate(x.dtype(), kernelShape.size());
        be().convBackpropFilter(x.dtype(), x.data(), dy.data(), g, o);
        return out(o, kernelShape);
    }

    /** Max or average pooling, channels last, over windows of {@code poolSize} with explicit padding (padding cells are ignored). */
    public static Tensor pool(boolean max, Tensor x, int[] poolSize, int[] strides, int[] padBefore, int[] padAfter) {
        int rank = x.rank() - 2;
        if (rank < 1 || poolSize.length != rank) {
            throw new IllegalArgumentException("pool: pool_size " + Arrays.toString(poolSize) + " does not match inputs of shape " + x.shape());
        }
        int[] in = x.shape().sub(1, rank + 1).dims(), out = new int[rank], ones = new int[rank];
        Arrays.fill(ones, 1);
        for (int d = 0; d < rank; d++) {
            int room = in[d] + padBefore[d] + padAfter[d] - poolSize[d];
            out[d] = room < 0 ? 0 : room / strides[d] + 1;
        }
        int c = x.shape().dim(-1);
        ConvGeometry g = new ConvGeometry(x.shape().dim(0), in, c, poolSize.clone(), c, 1, strides.clone(), ones, padBefore.clone(), out);
        Shape outShape = Shape.of(out).prepend(x.shape().dim(0)).append(c);
        Object o = ScratchPool.allocate(x.dtype(), outShape.size());
        if (max) be().maxPool(x.dtype(), x.data(), g, o);
        else be().avgPool(x.dtype(), x.data(), g, o);
        return recorded(max ? Prim.MAX_POOL : Prim.AVG_POOL, out(o, outShape), g, x);
    }

    static Tensor maxPoolGradient(Tensor x, Tensor dy, ConvGeometry g) {
        Object o = ScratchPool.allocate(x.dtype(), x.size());
        be().maxPoolGrad(x.dtype(), x.data(), dy.data(), g, o);
        return out(o, x.shape());
    }

    static Tensor avgPoolGradient(Tensor dy, ConvGeometry g, Shape xShape) {
        Object o = ScratchPool.allocate(dy.dtype(), xShape.size());
        be().avgPoolGrad(dy.dtype(), dy.data(), g, o);
        return out(o, xShape);
    }

    // ------------------------------------------------------------------ recurrent

    /**
     * A whole LSTM recurrence (Keras's gates i, f, c, o; sigmoid on i, f, o, tanh on the candidate
     * and the cell) in one primitive. zx (batch, steps, 4·units): x · kernel + bias for every time
     * step; recurrentKernel (units, 4·units); h0, c0 (batch, units). With {@code reverse} the steps
     * run from the last time step to the first. Returns (batch, steps+1, units): the output of each
     * step in processing order, then the final cell state (the final output is the step steps-1).
     * One recorded node instead of a dozen per step; its gradient is backpropagation through time.
     */
    public static Tensor lstm(Tensor zx, Tensor recurrentKernel, Tensor h0, Tensor c0, boolean reverse) {
        if (zx.rank() != 3 || recurrentKernel.rank() != 2 || zx.shape().dim(1) < 1) {
            throw new IllegalArgumentException("lstm needs zx (batch, steps >= 1, 4*units) and a recurrent kernel (units, 4*units), got "
                    + zx.shape() + " and " + recurrentKernel.shape());
        }
        int batch = zx.shape().dim(0), steps = zx.shape().dim(1), units = recurrentKernel.shape().dim(0);
        Shape state = Shape.of(batch, units);
        if (zx.shape().dim(2) != 4 * units || recurrentKernel.shape().dim(1) != 4 * units
                || !h0.shape().equals(state) || !c0.shape().equals(state)) {
            throw new IllegalArgumentException("lstm: shapes do not fit: zx " + zx.shape() + ", recurrent kernel " + recurrentKernel.shape()
                    + ", h0 " + h0.shape() + ", c0 " + c0.shape() + " (expected (batch, steps, 4*units), (units, 4*units), (batch, units) twice)");
        }
        DType dt = zx.dtype();
        if (recurrentKernel.dtype() != dt || h0.dtype() != dt || c0.dtype() != dt) {
            throw new IllegalArgumentException("lstm needs equal dtypes, got " + dt + ", " + recurrentKernel.dtype() + ", " + h0.dtype() + ", " + c0.dtype());
        }
        Shape outShape = Shape.of(batch, steps + 1, units);
        Object o = ScratchPool.allocate(dt, outShape.size());
        Object gates = ScratchPool.allocate(dt, zx.size());
        Object cells = ScratchPool.allocate(dt, 2 * batch * steps * units);
        be().lstm(dt, zx.data(), recurrentKernel.data(), h0.data(), c0.data(), batch, steps, units, reverse, o, gates, cells);
        return recorded(Prim.LSTM, out(o, outShape), new LstmAttr(reverse, gates, cells), zx, recurrentKernel, h0, c0);
    }

    /** The gradients of {@link #lstm}'s inputs [zx, recurrentKernel, h0, c0] from g, the gradient of its output y (not recorded). */
    static Tensor[] lstmGradient(LstmAttr at, Tensor[] in, Tensor y, Tensor g, boolean[] need) {
        Tensor zx = in[0], rk = in[1], h0 = in[2], c0 = in[3];
        int batch = zx.shape().dim(0), steps = zx.shape().dim(1), units = rk.shape().dim(0);
        DType dt = zx.dtype();
        Object dzx = ScratchPool.allocate(dt, zx.size());
        Object drk = need[1] ? ScratchPool.allocate(dt, rk.size()) : null;
        Object dh0 = need[2] ? ScratchPool.allocate(dt, h0.size()) : null;
        Object dc0 = need[3] ? ScratchPool.allocate(dt, c0.size()) : null;
        be().lstmBackward(dt, g.data(), rk.data(), h0.data(), c0.data(), y.data(), at.gates(), at.cells(), batch, steps, units,
                at.reverse(), dzx, drk, dh0, dc0);
        return new Tensor[] {need[0] ? out(dzx, zx.shape()) : null, drk == null ? null : out(drk, rk.shape()),
                dh0 == null ? null : out(dh0, h0.shape()), dc0 == null ? null : out(dc0, c0.shape())};
    }

    /**
     * A whole SimpleRNN recurrence with tanh in one primitive: zx (batch, steps, units) = x · kernel
     * + bias for every time step, recurrentKernel (units, units), h0 (batch, units). Returns (batch,
     * steps, units): the output of each step in processing order (reversed time with {@code reverse}).
     */
    public static Tensor simpleRnn(Tensor zx, Tensor recurrentKernel, Tensor h0, boolean reverse) {
        if (zx.rank() != 3 || recurrentKernel.rank() != 2 || zx.shape().dim(1) < 1) {
            throw new IllegalArgumentException("simple_rnn needs zx (batch, steps >= 1, units) and a recurrent kernel (units, units), got "
                    + zx.shape() + " and " + recurrentKernel.shape());
        }
        int batch = zx.shape().dim(0), steps = zx.shape().dim(1), units = recurrentKernel.shape().dim(0);
        if (zx.shape().dim(2) != units || recurrentKernel.shape().dim(1) != units || !h0.shape().equals(Shape.of(batch, units))) {
            throw new IllegalArgumentException("simple_rnn: shapes do not fit: zx " + zx.shape() + ", recurrent kernel " + recurrentKernel.shape()
                    + ", h0 " + h0.shape() + " (expected (batch, steps, units), (units, units), (batch, units))");
        }
        DType dt = zx.dtype();
        if (recurrentKernel.dtype() != dt || h0.dtype() != dt) {
            throw new IllegalArgumentException("simple_rnn needs equal dtypes, got " + dt + ", " + recurrentKernel.dtype() + ", " + h0.dtype());
        }
        Object o = ScratchPool.allocate(dt, zx.size());
        be().simpleRnn(dt, zx.data(), recurrentKernel.data(), h0.data(), batch, steps, units, reverse, o);
        return recorded(Prim.SIMPLE_RNN, out(o, zx.shape()), reverse, zx, recurrentKernel, h0);
    }

    /** The gradients of {@link #simpleRnn}'s inputs [zx, recurrentKernel, h0] from g, the gradient of its output y (not recorded). */
    static Tensor[] simpleRnnGradient(boolean reverse, Tensor[] in, Tensor y, Tensor g, boolean[] need) {
        Tensor zx = in[0], rk = in[1], h0 = in[2];
        DType dt = zx.dtype();
        Object dzx = ScratchPool.allocate(dt, zx.size());
        Object drk = need[1] ? ScratchPool.allocate(dt, rk.size()) : null;
        Object dh0 = need[2] ? ScratchPool.allocate(dt, h0.size()) : null;
        be().simpleRnnBackward(dt, g.data(), rk.data(), h0.data(), y.data(), zx.shape().dim(0), zx.shape().dim(1), rk.shape().dim(0),
                reverse, dzx, drk, dh0);
        return new Tensor[] {need[0] ? out(dzx, zx.shape()) : null, drk == null ? null : out(drk, rk.shape()),
                dh0 == null ? null : out(dh0, h0.shape())};
    }

    /**
     * A whole GRU recurrence in Keras's reset_after form (gates z, r, h; sigmoid and tanh) in one
     * primitive: zx (batch, steps, 3·units) = x · kernel + input bias for every time step,
     * recurrentKernel (units, 3·units), recurrentBias (3·units), h0 (batch, units). Returns (batch,
     * steps, units): the output of each step in processing order (reversed time with {@code reverse}).
     */
    public static Tensor gru(Tensor zx, Tensor recurrentKernel, Tensor recurrentBias, Tensor h0, boolean reverse) {
        if (zx.rank() != 3 || recurrentKernel.rank() != 2 || zx.shape().dim(1) < 1) {
            throw new IllegalArgumentException("gru needs zx (batch, steps >= 1, 3*units) and a recurrent kernel (units, 3*units), got "
                    + zx.shape() + " and " + recurrentKernel.shape());
        }
        int batch = zx.shape().dim(0), steps = zx.shape().dim(1), units = recurrentKernel.shape().dim(0);
        if (zx.shape().dim(2) != 3 * units || recurrentKernel.shape().dim(1) != 3 * units
                || !recurrentBias.shape().equals(Shape.of(3 * units)) || !h0.shape().equals(Shape.of(batch, units))) {
            throw new IllegalArgumentException("gru: shapes do not fit: zx " + zx.shape() + ", recurrent kernel " + recurrentKernel.shape()
                    + ", recurrent bias " + recurrentBias.shape() + ", h0 " + h0.shape());
        }
        DType dt = zx.dtype();
        if (recurrentKernel.dtype() != dt || recurrentBias.dtype() != dt || h0.dtype() != dt) {
            throw new IllegalArgumentException("gru needs equal dtypes, got " + dt + ", " + recurrentKernel.dtype() + ", "
                    + recurrentBias.dtype() + ", " + h0.dtype());
        }
        Object o = ScratchPool.allocate(dt, batch * steps * units);
        Object saved = ScratchPool.allocate(dt, 4 * batch * steps * units);
        be().gru(dt, zx.data(), recurrentKernel.data(), recurrentBias.data(), h0.data(), batch, steps, units, reverse, o, saved);
        return recorded(Prim.GRU, out(o, Shape.of(batch, steps, units)), new GruAttr(reverse, saved), zx, recurrentKernel, recurrentBias, h0);
    }

    /** The gradients of {@link #gru}'s inputs [zx, recurrentKernel, recurrentBias, h0] from g, the gradient of its output y (not recorded). */
    static Tensor[] gruGradient(GruAttr at, Tensor[] in, Tensor y, Tensor g, boolean[] need) {
        Tensor zx = in[0], rk = in[1], rb = in[2], h0 = in[3];
        DType dt = zx.dtype();
        Object dzx = ScratchPool.allocate(dt, zx.size());
        Object drk = need[1] ? ScratchPool.allocate(dt, rk.size()) : null;
        Object drb = need[2] ? ScratchPool.allocate(dt, rb.size()) : null;
        Object dh0 = need[3] ? ScratchPool.allocate(dt, h0.size()) : null;
        be().gruBackward(dt, g.data(), rk.data(), h0.data(), y.data(), at.saved(), zx.shape().dim(0), zx.shape().dim(1), rk.shape().dim(0),
                at.reverse(), dzx, drk, drb, dh0);
        return new Tensor[] {need[0] ? out(dzx, zx.shape()) : null, drk == null ? null : out(drk, rk.shape()),
                drb == null ? null : out(drb, rb.shape()), dh0 == null ? null : out(dh0, h0.shape())};
    }
}
