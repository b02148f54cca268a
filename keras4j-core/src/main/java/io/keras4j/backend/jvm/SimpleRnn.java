package io.keras4j.backend.jvm;

/**
 * A whole SimpleRNN layer's recurrence with tanh, fused as {@link Lstm} is: per step one GEMM of
 * the previous output by the recurrent kernel accumulated onto the projected inputs, in place in
 * the output rows, then tanh; the backward pass is one loop of backpropagation through time and
 * one GEMM for the recurrent kernel's gradient over all steps.
 */
final class SimpleRnn {
    /** Batch rows per parallel chunk. */
    private static final int ROWS_PER_TASK = 8;

    private SimpleRnn() {}

    /**
     * The forward pass: out (batch, steps, u) receives tanh(zx_t + h_prev · rk) of each step in
     * processing order, step s reading time {@code reverse ? steps-1-s : s} of zx (batch, steps, u).
     */
    static void forward(float[] zx, float[] rk, float[] h0, int batch, int steps, int u, boolean reverse, float[] out) {
        int ld = steps * u;
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s, step = s;
            for (int b = 0; b < batch; b++) System.arraycopy(zx, b * ld + t * u, out, b * ld + s * u, u);
            // The previous step's rows and this step's rows of out are disjoint: h_prev is read in place.
            if (s == 0) Sgemm.sgemm(false, false, batch, u, u, h0, 0, u, rk, 0, u, out, 0, ld, true);
            else Sgemm.sgemm(false, false, batch, u, u, out, (s - 1) * u, ld, rk, 0, u, out, s * u, ld, true);
            Parallel.forRange(batch, ROWS_PER_TASK, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int o = b * ld + step * u;
                    for (int j = 0; j < u; j++) out[o + j] = tanh(out[o + j]);
                }
            });
        }
    }

    /**
     * Backpropagation through time for {@link #forward} from gOut (batch, steps, u): dzx (batch,
     * steps, u) always; drk (u, u) and dh0 (batch, u) unless null.
     */
    static void backward(float[] gOut, float[] rk, float[] h0, float[] out, int batch, int steps, int u, boolean reverse,
                         float[] dzx, float[] drk, float[] dh0) {
        int ld = steps * u;
        float[] dh = new float[batch * u];
        for (int s = steps - 1; s >= 0; s--) {
            int t = reverse ? steps - 1 - s : s, step = s;
            Parallel.forRange(batch, ROWS_PER_TASK, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int o = b * ld + step * u, d = b * ld + t * u, bu = b * u;
                    for (int j = 0; j < u; j++) {
                        float h = out[o + j];
                        dzx[d + j] = (gOut[o + j] + dh[bu + j]) * (1 - h * h);
                    }
                }
            });
            if (s > 0 || dh0 != null) Sgemm.sgemm(false, true, batch, u, u, dzx, t * u, ld, rk, 0, u, s > 0 ? dh : dh0, 0, u, false);
        }
        if (drk != null) {
            // drk = Σ_t h_prevᵀ · dz_t as one product over (batch·steps) rows.
            float[] hPrev = new float[batch * steps * u];
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < steps; s++) {
                    int t = reverse ? steps - 1 - s : s;
                    if (s == 0) System.arraycopy(h0, b * u, hPrev, (b * steps + t) * u, u);
                    else System.arraycopy(out, b * ld + (s - 1) * u, hPrev, (b * steps + t) * u, u);
                }
            }
            Sgemm.sgemm(true, false, u, u, batch * steps, hPrev, 0, u, dzx, 0, u, drk, 0, u, false);
        }
    }

    static void forward(double[] zx, double[] rk, double[] h0, int batch, int steps, int u, boolean reverse, double[] out) {
        int ld = steps * u;
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s, step = s;
            for (int b = 0; b < batch; b++) System.arraycopy(zx, b * ld + t * u, out, b * ld + s * u, u);
            // The previous step's rows and this step's rows of out are disjoint: h_prev is read in place.
            if (s == 0) Sgemm.dgemm(false, false, batch, u, u, h0, 0, u, rk, 0, u, out, 0, ld, true);
            else Sgemm.dgemm(false, false, batch, u, u, out, (s - 1) * u, ld, rk, 0, u, out, s * u, ld, true);
            Parallel.forRange(batch, ROWS_PER_TASK, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int o = b * ld + step * u;
                    for (int j = 0; j < u; j++) out[o + j] = tanh(out[o + j]);
                }
            });
        }
    }

    static void backward(double[] gOut, double[] rk, double[] h0, double[] out, int batch, int steps, int u, boolean reverse,
                         double[] dzx, double[] drk, double[] dh0) {
        int ld = steps * u;
        double[] dh = new double[batch * u];
        for (int s = steps - 1; s >= 0; s--) {
            int t = reverse ? steps - 1 - s : s, step = s;
            Parallel.forRange(batch, ROWS_PER_TASK, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int o = b * ld + step * u, d = b * ld + t * u, bu = b * u;
                    for (int j = 0; j < u; j++) {
                        double h = out[o + j];
                        dzx[d + j] = (gOut[o + j] + dh[bu + j]) * (1 - h * h);
                    }
                }
            });
            if (s > 0 || dh0 != null) Sgemm.dgemm(false, true, batch, u, u, dzx, t * u, ld, rk, 0, u, s > 0 ? dh : dh0, 0, u, false);
        }
        if (drk != null) {
            // drk = Σ_t h_prevᵀ · dz_t as one product over (batch·steps) rows.
            double[] hPrev = new double[batch * steps * u];
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < steps; s++) {
                    int t = reverse ? steps - 1 - s : s;
                    if (s == 0) System.arraycopy(h0, b * u, hPrev, (b * steps + t) * u, u);
                    else System.arraycopy(out, b * ld + (s - 1) * u, hPrev, (b * steps + t) * u, u);
                }
            }
            Sgemm.dgemm(true, false, u, u, batch * steps, hPrev, 0, u, dzx, 0, u, drk, 0, u, false);
        }
    }

    /** tanh through one exp (Math.exp is a JIT intrinsic, Math.tanh is not); saturates to ±1 without NaN. */
    private static float tanh(float x) { return (float) (1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0)); }

    /** The float64 path serves gradient checks: the exact function. */
    private static double tanh(double x) { return Math.tanh(x); }
}
