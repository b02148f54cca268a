package io.keras4j.backend.jvm;

import io.keras4j.backend.BinaryOp;
import io.keras4j.backend.UnaryOp;
import io.keras4j.tensor.DType;

/**
 * Elementwise kernels. float32 has hand-written loops that C2 vectorises (the hot path of
 * training); float64 and the integer types go through one double-precision path, which is exact
 * for int32 and for int64 below 2^53.
 */
final class Elementwise {
    /** Below this many elements a kernel runs on the calling thread: hand-off costs more than the work. */
    static final int GRAIN = 1 << 15;

    private Elementwise() {}

    // ---------------------------------------------------------------- unary

    static void unary(UnaryOp op, DType dt, Object x, Object out, int n) {
        if (dt == DType.FLOAT32) {
            float[] a = (float[]) x, o = (float[]) out;
            Parallel.forRange(n, GRAIN, (from, to) -> unaryF(op, a, o, from, to));
        } else if (dt == DType.FLOAT64) {
            double[] a = (double[]) x, o = (double[]) out;
            Parallel.forRange(n, GRAIN, (from, to) -> { for (int i = from; i < to; i++) o[i] = apply(op, a[i]); });
        } else {
            for (int i = 0; i < n; i++) Storage.set(dt, out, i, apply(op, Storage.get(dt, x, i)));
        }
    }

    private static void unaryF(UnaryOp op, float[] a, float[] o, int from, int to) {
        switch (op) {
            case NEG -> { for (int i = from; i < to; i++) o[i] = -a[i]; }
            case RELU -> { for (int i = from; i < to; i++) o[i] = Math.max(a[i], 0f); }
            case SQUARE -> { for (int i = from; i < to; i++) o[i] = a[i] * a[i]; }
            case ABS -> { for (int i = from; i < to; i++) o[i] = Math.abs(a[i]); }
            case SQRT -> { for (int i = from; i < to; i++) o[i] = (float) Math.sqrt(a[i]); }
            case RECIPROCAL -> { for (int i = from; i < to; i++) o[i] = 1f / a[i]; }
            case EXP -> { for (int i = from; i < to; i++) o[i] = (float) Math.exp(a[i]); }
            case SIGMOID -> { for (int i = from; i < to; i++) o[i] = (float) sigmoid(a[i]); }
            default -> { for (int i = from; i < to; i++) o[i] = (float) apply(op, a[i]); }
        }
    }

    static double sigmoid(double v) {
        // Two branches keep exp's argument non-positive: no overflow for large |v|.
        if (v >= 0) return 1.0 / (1.0 + Math.exp(-v));
        double e = Math.exp(v);
        return e / (1.0 + e);
    }

    static double apply(UnaryOp op, double v) {
        return switch (op) {
            case NEG -> -v;
            case EXP -> Math.exp(v);
            case LOG -> Math.log(v);
            case SQRT -> Math.sqrt(v);
            case ABS -> Math.abs(v);
            case SIGN -> Math.signum(v);
            case TANH -> Math.tanh(v);
            case SIGMOID -> sigmoid(v);
            case RELU -> Math.max(v, 0.0);
            case SIN -> Math.sin(v);
            case COS -> Math.cos(v);
            case LOG1P -> Math.log1p(v);
            case EXPM1 -> Math.expm1(v);
            case ERF -> Erf.erf(v);
            case SQUARE -> v * v;
            case FLOOR -> Math.floor(v);
            case CEIL -> Math.ceil(v);
            case ROUND -> Math.rint(v); // NumPy rounds half to even
            case RECIPROCAL -> 1.0 / v;
        };
    }

    // ---------------------------------------------------------------- binary

    static double apply(BinaryOp op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case POW -> Math.pow(x, y);
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
            case GREATER -> x > y ? 1 : 0;
            case GREATER_EQUAL -> x >= y ? 1 : 0;
            case LESS -> x < y ? 1 : 0;
            case LESS_EQUAL -> x <= y ? 1 : 0;
            case EQUAL -> x == y ? 1 : 0;
            case NOT_EQUAL -> x != y ? 1 : 0;
        };
    }

    static void binary(BinaryOp op, DType dt, Object a, int[] aShape, Object b, int[] bShape, Object out, int[] outShape) {
        int n = Storage.size(outShape);
        int na = Storage.size(aShape), nb = Storage.size(bShape);
        if (dt == DType.FLOAT32) {
            float[] x = (float[]) a, y = (float[]) b, o = (float[]) out;
            if (na == n && nb == n) {
                Parallel.forRange(n, GRAIN, (from, to) -> sameF(op, x, y, 0, o, from, to));
                return;
            }
            if (nb == 1 && na == n) {
                float s = y[0];
                Parallel.forRange(n, GRAIN, (from, to) -> scalarRightF(op, x, s, o, from, to));
                return;
            }
            if (na == n && nb > 0 && n % nb == 0 && isSuffix(bShape, outShape)) {
                // b repeats along the leading axes (a bias): one same-shape loop per row.
                int rows = n / nb;
                Parallel.forRange(rows, Math.max(1, GRAIN / nb), (from, to) -> {
                    for (int r = from; r < to; r++) sameF(op, x, y, -r * nb, o, r * nb, (r + 1) * nb);
                });
                return;
            }
        }
        general(op, dt, a, aShape, b, bShape, out, outShape);
    }

    /** True when shape s (after leading 1s) equals the trailing dims of full. */
    static boolean isSuffix(int[] s, int[] full) {
        int start = 0;
        while (start < s.length && s[start] == 1) start++;
        int len = s.length - start;
        if (len > full.length) return false;
        for (int i = 0; i < len; i++) if (s[start + i] != full[full.length - len + i]) return false;
        return true;
    }

    /** o[i] = x[i] op y[i + yo] for i in [from, to). */
    private static void sameF(BinaryOp op, float[] x, float[] y, int yo, float[] o, int from, int to) {
        if (op.isComparison() && Sgemm.vectorized()) {
            VectorCompare.same(op, x, y, yo, o, from, to);
            return;
        }
        switch (op) {
            case ADD -> { for (int i = from; i < to; i++) o[i] = x[i] + y[i + yo]; }
            case SUB -> { for (int i = from; i < to; i++) o[i] = x[i] - y[i + yo]; }
            case MUL -> { for (int i = from; i < to; i++) o[i] = x[i] * y[i + yo]; }
            case DIV -> { for (int i = from; i < to; i++) o[i] = x[i] / y[i + yo]; }
            case MAX -> { for (int i = from; i < to; i++) o[i] = Math.max(x[i], y[i + yo]); }
            case MIN -> { for (int i = from; i < to; i++) o[i] = Math.min(x[i], y[i + yo]); }
            case GREATER -> { for (int i = from; i < to; i++) o[i] = x[i] > y[i + yo] ? 1f : 0f; }
            default -> { for (int i = from; i < to; i++) o[i] = (float) apply(op, x[i], y[i + yo]); }
        }
    }

    private static void scalarRightF(BinaryOp op, float[] x, float s, float[] o, int from, int to) {
        if (op.isComparison() && Sgemm.vectorized()) {
            VectorCompare.scalar(op, x, s, o, from, to);
            return;
        }
        switch (op) {
            case ADD -> { for (int i = from; i < to; i++) o[i] = x[i] + s; }
            case SUB -> { for (int i = from; i < to; i++) o[i] = x[i] - s; }
            case MUL -> { for (int i = from; i < to; i++) o[i] = x[i] * s; }
            case DIV -> { for (int i = from; i < to; i++) o[i] = x[i] / s; }
            case MAX -> { for (int i = from; i < to; i++) o[i] = Math.max(x[i], s); }
            case MIN -> { for (int i = from; i < to; i++) o[i] = Math.min(x[i], s); }
            case GREATER -> { for (int i = from; i < to; i++) o[i] = x[i] > s ? 1f : 0f; }
            case GREATER_EQUAL -> { for (int i = from; i < to; i++) o[i] = x[i] >= s ? 1f : 0f; }
            default -> { for (int i = from; i < to; i++) o[i] = (float) apply(op, x[i], s); }
        }
    }

    /** Any broadcast, any dtype: an odometer over the output with zero strides on broadcast axes. */
    private static void general(BinaryOp op, DType dt, Object a, int[] aShape, Object b, int[] bShape, Object out, int[] outShape) {
        int r = outShape.length;
        int[] sa = Storage.broadcastStrides(aShape, outShape), sb = Storage.broadcastStrides(bShape, outShape);
        int n = Storage.size(outShape);
        if (n == 0) return;
        int[] idx = new int[r];
        int ia = 0, ib = 0;
        for (int i = 0; i < n; i++) {
            Storage.set(dt, out, i, apply(op, Storage.get(dt, a, ia), Storage.get(dt, b, ib)));
            for (int d = r - 1; d >= 0; d--) {
                idx[d]++;
                ia += sa[d];
                ib += sb[d];
                if (idx[d] < outShape[d]) break;
                ia -= sa[d] * outShape[d];
                ib -= sb[d] * outShape[d];
                idx[d] = 0;
            }
        }
    }

    // ---------------------------------------------------------------- where, cast

    static void where(DType condType, Object cond, DType dt, Object a, Object b, Object out, int n) {
        if (dt == DType.FLOAT32 && condType == DType.FLOAT32) {
            float[] c = (float[]) cond, x = (float[]) a, y = (float[]) b, o = (float[]) out;
            for (int i = 0; i < n; i++) o[i] = c[i] != 0f ? x[i] : y[i];
            return;
        }
        for (int i = 0; i < n; i++) {
            Storage.set(dt, out, i, Storage.get(condType, cond, i) != 0 ? Storage.get(dt, a, i) : Storage.get(dt, b, i));
        }
    }

    static void cast(DType from, Object x, DType to, Object out, int n) {
        if (from == to) {
            System.arraycopy(x, 0, out, 0, n);
        } else if (from == DType.FLOAT32 && to == DType.FLOAT64) {
            float[] a = (float[]) x;
            double[] o = (double[]) out;
            for (int i = 0; i < n; i++) o[i] = a[i];
        } else if (from == DType.INT64 && to == DType.INT32) {
            // Directly, not through double: wraps modulo 2^32 as NumPy's astype, exact beyond 2^53.
            long[] a = (long[]) x;
            int[] o = (int[]) out;
            for (int i = 0; i < n; i++) o[i] = (int) a[i];
        } else {
            for (int i = 0; i < n; i++) Storage.set(to, out, i, Storage.get(from, x, i));
        }
    }
}
