package io.keras4j.backend.jvm;

import io.keras4j.backend.ReduceOp;
import io.keras4j.tensor.DType;

/** Reductions of the middle axis of an (outer, reduced, inner) view. */
final class Reductions {
    private Reductions() {}

    static void reduce(ReduceOp op, DType dt, Object x, int outer, int reduced, int inner, Object out) {
        if (dt == DType.FLOAT32) {
            float[] a = (float[]) x, o = (float[]) out;
            Parallel.forRange(outer, Math.max(1, Elementwise.GRAIN / Math.max(1, reduced * inner)),
                    (from, to) -> reduceF(op, a, from, to, reduced, inner, o));
            return;
        }
        for (int p = 0; p < outer; p++) {
            for (int q = 0; q < inner; q++) {
                double acc = init(op);
                int base = p * reduced * inner + q;
                for (int r = 0; r < reduced; r++) acc = combine(op, acc, Storage.get(dt, x, base + r * inner));
                Storage.set(dt, out, p * inner + q, acc);
            }
        }
    }

    private static void reduceF(ReduceOp op, float[] a, int from, int to, int reduced, int inner, float[] o) {
        for (int p = from; p < to; p++) {
            int ob = p * inner, ib = p * reduced * inner;
            if (inner == 1) {
                // Reduce a contiguous row; four accumulators break the dependency chain.
                float a0 = (float) init(op), a1 = a0, a2 = a0, a3 = a0;
                int r = 0;
                if (op == ReduceOp.SUM) {
                    for (; r + 3 < reduced; r += 4) {
                        a0 += a[ib + r]; a1 += a[ib + r + 1]; a2 += a[ib + r + 2]; a3 += a[ib + r + 3];
                    }
                    for (; r < reduced; r++) a0 += a[ib + r];
                    o[ob] = (a0 + a1) + (a2 + a3);
                } else {
                    float acc = a0;
                    for (; r < reduced; r++) acc = (float) combine(op, acc, a[ib + r]);
                    o[ob] = acc;
                }
            } else {
                // Column-wise: accumulate whole rows of length inner (vectorisable).
                if (reduced == 0) {
                    java.util.Arrays.fill(o, ob, ob + inner, (float) init(op));
                    continue;
                }
                System.arraycopy(a, ib, o, ob, inner);
                for (int r = 1; r < reduced; r++) {
                    int rb = ib + r * inner;
                    switch (op) {
                        case SUM -> { for (int q = 0; q < inner; q++) o[ob + q] += a[rb + q]; }
                        case MAX -> { for (int q = 0; q < inner; q++) o[ob + q] = Math.max(o[ob + q], a[rb + q]); }
                        case MIN -> { for (int q = 0; q < inner; q++) o[ob + q] = Math.min(o[ob + q], a[rb + q]); }
                    }
                }
            }
        }
    }

    private static double init(ReduceOp op) {
        return switch (op) {
            case SUM -> 0;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
    }

    private static double combine(ReduceOp op, double acc, double v) {
        return switch (op) {
            case SUM -> acc + v;
            case MAX -> Math.max(acc, v);
            case MIN -> Math.min(acc, v);
        };
    }

    static void argReduce(boolean max, DType dt, Object x, int outer, int reduced, int inner, int[] out) {
        for (int p = 0; p < outer; p++) {
            for (int q = 0; q < inner; q++) {
                int base = p * reduced * inner + q, best = 0;
                double bv = reduced > 0 ? Storage.get(dt, x, base) : 0;
                for (int r = 1; r < reduced; r++) {
                    double v = Storage.get(dt, x, base + r * inner);
                    // First occurrence wins on ties, as NumPy; NaN counts as the extreme.
                    if (Double.isNaN(bv)) break;
                    if (Double.isNaN(v) || (max ? v > bv : v < bv)) {
                        bv = v;
                        best = r;
                    }
                }
                out[p * inner + q] = best;
            }
        }
    }
}
