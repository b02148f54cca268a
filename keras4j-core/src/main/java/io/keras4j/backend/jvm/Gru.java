package io.keras4j.backend.jvm;

/**
 * A whole GRU layer's recurrence (Keras's reset_after form, gates z, r, h; sigmoid and tanh),
 * fused as {@link Lstm} is: per step one GEMM of the previous output by the recurrent kernel, then
 * the gates and the update in one pass; the backward pass is one loop of backpropagation through
 * time and one GEMM for the recurrent kernel's gradient over all steps.
 */
final class Gru {
    /** Batch rows per parallel chunk. */
    private static final int ROWS_PER_TASK = 8;

    private Gru() {}

    /**
     * The forward pass (reset_after): per step m = h_prev · rk + rb, z = σ(x_z + m_z), r = σ(x_r +
     * m_r), hh = tanh(x_h + r · m_h), h = hh + z (h_prev - hh). zx (batch, steps, 3u) is read at
     * time {@code reverse ? steps-1-s : s} on step s; out (batch, steps, u) gets h in processing
     * order; saved (batch, steps, 4u) gets z, r, hh, m_h of every step for {@link #backward}.
     */
    static void forward(float[] zx, float[] rk, float[] rb, float[] h0, int batch, int steps, int u, boolean reverse,
                        float[] out, float[] saved) {
        int g3 = 3 * u, ldx = steps * g3, ldo = steps * u, lds = steps * 4 * u;
        float[] m = new float[batch * g3];
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s, step = s;
            if (s == 0) Sgemm.sgemm(false, false, batch, g3, u, h0, 0, u, rk, 0, g3, m, 0, g3, false);
            else Sgemm.sgemm(false, false, batch, g3, u, out, (s - 1) * u, ldo, rk, 0, g3, m, 0, g3, false);
            Parallel.forRange(batch, ROWS_PER_TASK, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int xo = b * ldx + t * g3, mo = b * g3, so = b * lds + step * 4 * u, ho = b * ldo + step * u;
                    for (int j = 0; j < u; j++) {
                        float hPrev = step == 0 ? h0[b * u + j] : out[ho - u + j];
                        float z = sigmoid(zx[xo + j] + m[mo + j] + rb[j]);
                        float r = sigmoid(zx[xo + u + j] + m[mo + u + j] + rb[u + j]);
                        float mh = m[mo + 2 * u + j] + rb[2 * u + j];
                        float hh = tanh(zx[xo + 2 * u + j] + r * mh);
                        saved[so + j] = z;
                        saved[so + u + j] = r;
                        saved[so + 2 * u + j] = hh;
                        saved[so + 3 * u + j] = mh;
                        out[ho + j] = hh + z * (hPrev - hh);
                    }
                }
            });
        }
    }

    /**
     * Backpropagation through time for {@link #forward} from gOut (batch, steps, u): dzx (batch,
     * steps, 3u) always; drk (u, 3u), drb (3u) and dh0 (batch, u) unless null.
     */
    static void backward(float[] gOut, float[] rk, float[] h0, float[] out, float[] saved, int batch, int steps, int u, boolean reverse,
                         float[] dzx, float[] drk, float[] drb, float[] dh0) {
        int g3 = 3 * u, ldx = steps * g3, ldo = steps * u, lds = steps * 4 * u;
        // dm (batch, steps, 3u) by time: the gradient of h_prev · rk + rb at every step.
        float[] dm = new float[batch * ldx];
        float[] dh = new float[batch * u], direct = new float[batch * u];
        for (int s = steps - 1; s >= 0; s--) {
            int t = reverse ? steps - 1 - s : s, step = s;
            float[] carry = dh;
            Parallel.forRange(batch, ROWS_PER_TASK, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int xo = b * ldx + t * g3, so = b * lds + step * 4 * u, ho = b * ldo + step * u, bu = b * u;
                    for (int j = 0; j < u; j++) {
                        float z = saved[so + j], r = saved[so + u + j], hh = saved[so + 2 * u + j], mh = saved[so + 3 * u + j];
                        float hPrev = step == 0 ? h0[bu + j] : out[ho - u + j];
                        float dhv = gOut[ho + j] + carry[bu + j];
                        float dzPre = dhv * (hPrev - hh) * z * (1 - z);
                        float dhhPre = dhv * (1 - z) * (1 - hh * hh);
                        float drPre = dhhPre * mh * r * (1 - r);
                        dzx[xo + j] = dzPre;
                        dzx[xo + u + j] = drPre;
                        dzx[xo + 2 * u + j] = dhhPre;
                        dm[xo + j] = dzPre;
                        dm[xo + u + j] = drPre;
                        dm[xo + 2 * u + j] = dhhPre * r;
                        direct[bu + j] = dhv * z;
                    }
                }
            });
            // dh_prev = dhv · z + dm · rkᵀ.
            if (s > 0 || dh0 != null) {
                float[] next = s > 0 ? dh : dh0;
                System.arraycopy(direct, 0, next, 0, batch * u);
                Sgemm.sgemm(false, true, batch, u, g3, dm, t * g3, ldx, rk, 0, g3, next, 0, u, true);
            }
        }
        if (drb != null) {
            java.util.Arrays.fill(drb, 0, g3, 0);
            for (int row = 0; row < batch * steps; row++) for (int j = 0; j < g3; j++) drb[j] += dm[row * g3 + j];
        }
        if (drk != null) {
            float[] hPrev = new float[batch * steps * u];
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < steps; s++) {
                    int t = reverse ? steps - 1 - s : s;
                    if (s == 0) System.arraycopy(h0, b * u, hPrev, (b * steps + t) * u, u);
                    else System.arraycopy(out, b * ldo + (s - 1) * u, hPrev, (b * steps + t) * u, u);
                }
            }
            Sgemm.sgemm(true, false, u, g3, batch * steps, hPrev, 0, u, dm, 0, g3, drk, 0, g3, false);
        }
    }

    static void forward(double[] zx, double[] rk, double[] rb, double[] h0, int batch, int steps, int u, boolean reverse,
                        double[] out, double[] saved) {
        int g3 = 3 * u, ldx = steps * g3, ldo = steps * u, lds = steps * 4 * u;
        double[] m = new double[batch * g3];
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s, step = s;
            if (s == 0) Sgemm.dgemm(false, false, batch, g3, u, h0, 0, u, rk, 0, g3, m, 0, g3, false);
            else Sgemm.dgemm(false, false, batch, g3, u, out, (s - 1) * u, ldo, rk, 0, g3, m, 0, g3, false);
            Parallel.forRange(batch, ROWS_PER_TASK, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int xo = b * ldx + t * g3, mo = b * g3, so = b * lds + step * 4 * u, ho = b * ldo + step * u;
                    for (int j = 0; j < u; j++) {
                        double hPrev = step == 0 ? h0[b * u + j] : out[ho - u + j];
                        double z = sigmoid(zx[xo + j] + m[mo + j] + rb[j]);
                        double r = sigmoid(zx[xo + u + j] + m[mo + u + j] + rb[u + j]);
                        double mh = m[mo + 2 * u + j] + rb[2 * u + j];
                        double hh = tanh(zx[xo + 2 * u + j] + r * mh);
                        saved[so + j] = z;
                        saved[so + u + j] = r;
                        saved[so + 2 * u + j] = hh;
                        saved[so + 3 * u + j] = mh;
                        out[ho + j] = hh + z * (hPrev - hh);
                    }
                }
            });
        }
    }

    static void backward(double[] gOut, double[] rk, double[] h0, double[] out, double[] saved, int batch, int steps, int u, boolean reverse,
                         double[] dzx, double[] drk, double[] drb, double[] dh0) {
        int g3 = 3 * u, ldx = steps * g3, ldo = steps * u, lds = steps * 4 * u;
        // dm (batch, steps, 3u) by time: the gradient of h_prev · rk + rb at every step.
        double[] dm = new double[batch * ldx];
        double[] dh = new double[batch * u], direct = new double[batch * u];
        for (int s = steps - 1; s >= 0; s--) {
            int t = reverse ? steps - 1 - s : s, step = s;
            double[] carry = dh;
            Parallel.forRange(batch, ROWS_PER_TASK, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int xo = b * ldx + t * g3, so = b * lds + step * 4 * u, ho = b * ldo + step * u, bu = b * u;
                    for (int j = 0; j < u; j++) {
                        double z = saved[so + j], r = saved[so + u + j], hh = saved[so + 2 * u + j], mh = saved[so + 3 * u + j];
                        double hPrev = step == 0 ? h0[bu + j] : out[ho - u + j];
                        double dhv = gOut[ho + j] + carry[bu + j];
                        double dzPre = dhv * (hPrev - hh) * z * (1 - z);
                        double dhhPre = dhv * (1 - z) * (1 - hh * hh);
                        double drPre = dhhPre * mh * r * (1 - r);
                        dzx[xo + j] = dzPre;
                        dzx[xo + u + j] = drPre;
                        dzx[xo + 2 * u + j] = dhhPre;
                        dm[xo + j] = dzPre;
                        dm[xo + u + j] = drPre;
                        dm[xo + 2 * u + j] = dhhPre * r;
                        direct[bu + j] = dhv * z;
                    }
                }
            });
            // dh_prev = dhv · z + dm · rkᵀ.
            if (s > 0 || dh0 != null) {
                double[] next = s > 0 ? dh : dh0;
                System.arraycopy(direct, 0, next, 0, batch * u);
                Sgemm.dgemm(false, true, batch, u, g3, dm, t * g3, ldx, rk, 0, g3, next, 0, u, true);
            }
        }
        if (drb != null) {
            java.util.Arrays.fill(drb, 0, g3, 0);
            for (int row = 0; row < batch * steps; row++) for (int j = 0; j < g3; j++) drb[j] += dm[row * g3 + j];
        }
        if (drk != null) {
            double[] hPrev = new double[batch * steps * u];
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < steps; s++) {
                    int t = reverse ? steps - 1 - s : s;
                    if (s == 0) System.arraycopy(h0, b * u, hPrev, (b * steps + t) * u, u);
                    else System.arraycopy(out, b * ldo + (s - 1) * u, hPrev, (b * steps + t) * u, u);
                }
            }
            Sgemm.dgemm(true, false, u, g3, batch * steps, hPrev, 0, u, dm, 0, g3, drk, 0, g3, false);
        }
    }

    /** Sigmoid through one exp; exp's overflow to infinity gives exactly 0, never NaN. */
    private static float sigmoid(float x) { return (float) (1.0 / (1.0 + Math.exp(-x))); }

    /** tanh through one exp (Math.exp is a JIT intrinsic, Math.tanh is not); saturates to ±1 without NaN. */
    private static float tanh(float x) { return (float) (1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0)); }

    /** The float64 path serves gradient checks: the library's exact formulas. */
    private static double sigmoid(double x) { return Elementwise.sigmoid(x); }

    private static double tanh(double x) { return Math.tanh(x); }
}
