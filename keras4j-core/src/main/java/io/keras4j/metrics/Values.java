package io.keras4j.metrics;

import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

/**
 * A tensor's values copied into doubles, with its shape. Metrics keep their bookkeeping in plain
 * loops over these rather than in ops: it is cheaper per batch and can never land on a gradient tape.
 */
record Values(double[] data, int[] shape) {

    static Values of(Tensor t) { return new Values(t.toDoubleArray(), t.shape().dims()); }

    int rank() { return shape.length; }

    int size() { return data.length; }

    /** The last dimension; a scalar counts as one value. */
    int lastDim() { return shape.length == 0 ? 1 : shape[shape.length - 1]; }

    Tensor toTensor() { return Tensor.wrap(data, Shape.of(shape)); }

    String shapeString() { return Shape.of(shape).toString(); }

    Values squeezeLast() { return new Values(data, java.util.Arrays.copyOf(shape, shape.length - 1)); }

    Values expandLast() {
        int[] s = java.util.Arrays.copyOf(shape, shape.length + 1);
        s[shape.length] = 1;
        return new Values(data, s);
    }

    /** The shape without its last dimension (the shape of a reduction over axis -1). */
    int[] leadingShape() { return shape.length == 0 ? shape : java.util.Arrays.copyOf(shape, shape.length - 1); }

    /**
     * Keras's {@code squeeze_or_expand_to_same_rank}: when the ranks differ by one and the longer
     * shape ends in 1, drop that 1, or, when the shorter one has rank 1 and {@code expandRank1}, give
     * it a trailing 1 instead.
     */
    static Values[] sameRank(Values x1, Values x2, boolean expandRank1) {
        int r1 = x1.rank(), r2 = x2.rank();
        if (r1 == r2 + 1 && x1.lastDim() == 1) {
            if (r2 == 1 && expandRank1) x2 = x2.expandLast();
            else x1 = x1.squeezeLast();
        }
        if (r2 == r1 + 1 && x2.lastDim() == 1) {
            if (r1 == 1 && expandRank1) x1 = x1.expandLast();
            else x2 = x2.squeezeLast();
        }
        return new Values[] {x1, x2};
    }

    /** NumPy's {@code broadcast_to}: {@code what} names the argument in the error. */
    Values broadcastTo(int[] target, String what) {
        if (java.util.Arrays.equals(shape, target)) return this;
        int rank = target.length;
        if (shape.length > rank) throw cannotBroadcast(target, what);
        int[] strides = new int[rank];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            int axis = i + rank - shape.length;
            if (shape[i] == target[axis]) strides[axis] = stride;
            else if (shape[i] != 1) throw cannotBroadcast(target, what);
            stride *= shape[i];
        }
        int n = 1;
        for (int d : target) n *= d;
        double[] out = new double[n];
        int[] index = new int[rank];
        int src = 0;
        for (int k = 0; k < n; k++) {
            out[k] = data[src];
            for (int axis = rank - 1; axis >= 0; axis--) {
                src += strides[axis];
                if (++index[axis] < target[axis]) break;
                src -= strides[axis] * target[axis];
                index[axis] = 0;
            }
        }
        return new Values(out, target.clone());
    }

    private IllegalArgumentException cannotBroadcast(int[] target, String what) {
        return new IllegalArgumentException("Cannot broadcast " + what + " of shape " + shapeString()
                + " to shape " + Shape.of(target));
    }

    /** Sums (or averages) away every axis from {@code keepRank} on; those axes are contiguous in row-major order. */
    Values reduceFrom(int keepRank, boolean mean) {
        if (keepRank >= shape.length) return this;
        int[] kept = java.util.Arrays.copyOf(shape, keepRank);
        int outer = 1;
        for (int d : kept) outer *= d;
        int inner = outer == 0 ? 0 : data.length / outer;
        double[] out = new double[outer];
        for (int o = 0; o < outer; o++) {
            double s = 0;
            for (int i = 0, base = o * inner; i < inner; i++) s += data[base + i];
            // an empty axis averages to NaN, as NumPy's mean does
            out[o] = mean ? s / inner : s;
        }
        return new Values(out, kept);
    }

    /** {@code f} applied elementwise, with NumPy broadcasting of the two shapes. */
    static Values map2(Values a, Values b, java.util.function.DoubleBinaryOperator f) {
        int[] shape = Shape.broadcast(Shape.of(a.shape), Shape.of(b.shape)).dims();
        a = a.broadcastTo(shape, "y_true");
        b = b.broadcastTo(shape, "y_pred");
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(a.data[i], b.data[i]);
        return new Values(out, shape);
    }

    /** The mean over the last axis, Keras's {@code mean(..., axis=-1)}; a scalar stays as it is. */
    Values meanLast() { return shape.length == 0 ? this : reduceFrom(shape.length - 1, true); }

    double sum() {
        double s = 0;
        for (double v : data) s += v;
        return s;
    }

    /** Index of the largest value in each row of the last axis; the first one wins ties and NaN beats all, as argmax does. */
    int[] argmaxRows() {
        int c = lastDim();
        int rows = c == 0 ? 0 : data.length / c;
        int[] out = new int[rows];
        for (int r = 0, base = 0; r < rows; r++, base += c) {
            int best = 0;
            for (int j = 1; j < c; j++) {
                double v = data[base + j], b = data[base + best];
                if (Double.isNaN(b)) break;
                if (v > b || Double.isNaN(v)) best = j;
            }
            out[r] = best;
        }
        return out;
    }
}
