package io.keras4j.backend.jvm;

/**
 * A whole LSTM layer's recurrence, fused: per step one GEMM of the previous output by the
 * recurrent kernel into preallocated gate rows, then the gate activations and the cell update in
 * one pass, instead of a dozen tensor operations (each with its own allocation and, under a
 * gradient tape, its own recorded node) per step. The input side (x · kernel + bias for all steps)
 * comes in already projected. Gates are Keras's order i, f, c, o with sigmoid on i, f, o and tanh
 * on the candidate and the output.
 *
 * <p>Matrices are row-major and batch-major, as the layer's tensors; a step's rows are read and
 * written in place through GEMM leading dimensions, so nothing is copied per step.
 */
final class Lstm {
    /** Batch rows per parallel chunk: a row is 4·units activations, a few microseconds of work. */
    private static final int ROWS_PER_TASK = 8;
    /** The float32 activations run on the Vector API under the same condition as the GEMM kernel. */
    private static final boolean SIMD = Sgemm.vectorized();

    private Lstm() {}

    /**
     * The forward pass of {@code steps} steps. zx (batch, steps, 4u): the projected inputs with the
     * bias, read at time {@code reverse ? steps-1-s : s} on step s. out (batch, steps+1, u): the
     * output h of each step in processing order, then the final cell state. gates (batch, steps, 4u)
     * and cells (2, batch, steps, u) receive the activated gates, c and tanh(c) of each step, which
     * {@link #backward} needs.
     */
    static void forward(float[] zx, float[] rk, float[] h0, float[] c0, int batch, int steps, int u, boolean reverse,
                        float[] out, float[] gates, float[] cells) {
        int g4 = 4 * u, ldz = steps * g4, ldo = (steps + 1) * u, plane = batch * steps * u;
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s, step = s;
            for (int b = 0; b < batch; b++) System.arraycopy(zx, b * ldz + t * g4, gates, b * ldz + s * g4, g4);
            // z += h_prev · recurrent_kernel, h_prev read in place from the previous step's output rows.
            if (s == 0) gemm(false, false, batch, g4, u, h0, 0, u, rk, 0, g4, gates, 0, ldz, true);
            else gemm(false, false, batch, g4, u, out, (s - 1) * u, ldo, rk, 0, g4, gates, s * g4, ldz, true);
            Parallel.forRange(batch, ROWS_PER_TASK, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int zo = b * ldz + step * g4, co = b * steps * u + step * u, ho = b * ldo + step * u;
                    int j0 = SIMD ? LstmVector.row(gates, zo, step == 0 ? c0 : cells, step == 0 ? b * u : co - u, cells, co, plane, out, ho, u) : 0;
                    for (int j = j0; j < u; j++) {
                        float i = sigmoid(gates[zo + j]), f = sigmoid(gates[zo + u + j]);
                        float g = tanh(gates[zo + 2 * u + j]), o = sigmoid(gates[zo + 3 * u + j]);
                        float cPrev = step == 0 ? c0[b * u + j] : cells[co - u + j];
                        float c = f * cPrev + i * g, tc = tanh(c);
                        gates[zo + j] = i;
                        gates[zo + u + j] = f;
                        gates[zo + 2 * u + j] = g;
                        gates[zo + 3 * u + j] = o;
                        cells[co + j] = c;
                        cells[plane + co + j] = tc;
                        out[ho + j] = o * tc;
                    }
                }
            });
        }
        for (int b = 0; b < batch; b++) System.arraycopy(cells, b * steps * u + (steps - 1) * u, out, b * ldo + steps * u, u);
    }

    /**
     * Backpropagation through time for {@link #forward}: from gOut (batch, steps+1, u), the
     * gradient of its out, gives dzx (batch, steps, 4u), the gradient of the projected inputs,
     * drk (u, 4u), dh0 and dc0 (batch, u). Any of them may be null when not needed, except that
     * dzx is always computed (the others derive from it).
     */
    static void backward(float[] gOut, float[] rk, float[] h0, float[] c0, float[] out, float[] gates, float[] cells,
                         int batch, int steps, int u, boolean reverse, float[] dzx, float[] drk, float[] dh0, float[] dc0) {
        int g4 = 4 * u, ldz = steps * g4, ldo = (steps + 1) * u, plane = batch * steps * u;
        float[] dh = new float[batch * u], dc = new float[batch * u];
        for (int b = 0; b < batch; b++) System.arraycopy(gOut, b * ldo + steps * u, dc, b * u, u);
        for (int s = steps - 1; s >= 0; s--) {
            int t = reverse ? steps - 1 - s : s, step = s;
            Parallel.forRange(batch, ROWS_PER_TASK, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int zo = b * ldz + step * g4, co = b * steps * u + step * u, dzo = b * ldz + t * g4, bu = b * u;
                    int j0 = SIMD ? LstmVector.rowBackward(gates, zo, cells, co, plane, step == 0 ? c0 : cells, step == 0 ? bu : co - u,
                            gOut, b * ldo + step * u, dh, dc, bu, dzx, dzo, u) : 0;
                    for (int j = j0; j < u; j++) {
                        float i = gates[zo + j], f = gates[zo + u + j], g = gates[zo + 2 * u + j], o = gates[zo + 3 * u + j];
                        float tc = cells[plane + co + j];
                        float cPrev = step == 0 ? c0[bu + j] : cells[co - u + j];
                        float dhv = gOut[b * ldo + step * u + j] + dh[bu + j];
                        float dcv = dc[bu + j] + dhv * o * (1 - tc * tc);
                        dc[bu + j] = dcv * f;
                        dzx[dzo + j] = dcv * g * i * (1 - i);
                        dzx[dzo + u + j] = dcv * cPrev * f * (1 - f);
                        dzx[dzo + 2 * u + j] = dcv * i * (1 - g * g);
                        dzx[dzo + 3 * u + j] = dhv * tc * o * (1 - o);
                    }
                }
            });
            // dh_prev = dz · recurrent_kernelᵀ.
            if (s > 0 || dh0 != null) gemm(false, true, batch, u, g4, dzx, t * g4, ldz, rk, 0, g4, s > 0 ? dh : dh0, 0, u, false);
        }
        if (dc0 != null) System.arraycopy(dc, 0, dc0, 0, batch * u);
        if (drk != null) {
            // drk = Σ_t h_prevᵀ · dz_t as one product: gather the h_prev of every time step into (batch·steps, u).
            float[] hPrev = new float[batch * steps * u];
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < steps; s++) {
                    int t = reverse ? steps - 1 - s : s;
                    if (s == 0) System.arraycopy(h0, b * u, hPrev, (b * steps + t) * u, u);
                    else System.arraycopy(out, b * ldo + (s - 1) * u, hPrev, (b * steps + t) * u, u);
                }
            }
            gemm(true, false, u, g4, batch * steps, hPrev, 0, u, dzx, 0, g4, drk, 0, g4, false);
        }
    }

    private static void gemm(boolean ta, boolean tb, int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb,
                             float[] c, int co, int ldc, boolean accumulate) {
        Sgemm.sgemm(ta, tb, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
    }

    static void forward(double[] zx, double[] rk, double[] h0, double[] c0, int batch, int steps, int u, boolean reverse,
                        double[] out, double[] gates, double[] cells) {
        int g4 = 4 * u, ldz = steps * g4, ldo = (steps + 1) * u, plane = batch * steps * u;
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s, step = s;
            for (int b = 0; b < batch; b++) System.arraycopy(zx, b * ldz + t * g4, gates, b * ldz + s * g4, g4);
            // z += h_prev · recurrent_kernel, h_prev read in place from the previous step's output rows.
            if (s == 0) gemm(false, false, batch, g4, u, h0, 0, u, rk, 0, g4, gates, 0, ldz, true);
            else gemm(false, false, batch, g4, u, out, (s - 1) * u, ldo, rk, 0, g4, gates, s * g4, ldz, true);
            Parallel.forRange(batch, ROWS_PER_TASK, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int zo = b * ldz + step * g4, co = b * steps * u + step * u, ho = b * ldo + step * u;
                    for (int j = 0; j < u; j++) {
                        double i = sigmoid(gates[zo + j]), f = sigmoid(gates[zo + u + j]);
                        double g = tanh(gates[zo + 2 * u + j]), o = sigmoid(gates[zo + 3 * u + j]);
                        double cPrev = step == 0 ? c0[b * u + j] : cells[co - u + j];
                        double c = f * cPrev + i * g, tc = tanh(c);
                        gates[zo + j] = i;
                        gates[zo + u + j] = f;
                        gates[zo + 2 * u + j] = g;
                        gates[zo + 3 * u + j] = o;
                        cells[co + j] = c;
                        cells[plane + co + j] = tc;
                        out[ho + j] = o * tc;
                    }
                }
            });
        }
        for (int b = 0; b < batch; b++) System.arraycopy(cells, b * steps * u + (steps - 1) * u, out, b * ldo + steps * u, u);
    }

    static void backward(double[] gOut, double[] rk, double[] h0, double[] c0, double[] out, double[] gates, double[] cells,
                         int batch, int steps, int u, boolean reverse, double[] dzx, double[] drk, double[] dh0, double[] dc0) {
        int g4 = 4 * u, ldz = steps * g4, ldo = (steps + 1) * u, plane = batch * steps * u;
        double[] dh = new double[batch * u], dc = new double[batch * u];
        for (int b = 0; b < batch; b++) System.arraycopy(gOut, b * ldo + steps * u, dc, b * u, u);
        for (int s = steps - 1; s >= 0; s--) {
            int t = reverse ? steps - 1 - s : s, step = s;
            Parallel.forRange(batch, ROWS_PER_TASK, (from, to) -> {
                for (int b = from; b < to; b++) {
                    int zo = b * ldz + step * g4, co = b * steps * u + step * u, dzo = b * ldz + t * g4, bu = b * u;
                    for (int j = 0; j < u; j++) {
                        double i = gates[zo + j], f = gates[zo + u + j], g = gates[zo + 2 * u + j], o = gates[zo + 3 * u + j];
                        double tc = cells[plane + co + j];
                        double cPrev = step == 0 ? c0[bu + j] : cells[co - u + j];
                        double dhv = gOut[b * ldo + step * u + j] + dh[bu + j];
                        double dcv = dc[bu + j] + dhv * o * (1 - tc * tc);
                        dc[bu + j] = dcv * f;
                        dzx[dzo + j] = dcv * g * i * (1 - i);
                        dzx[dzo + u + j] = dcv * cPrev * f * (1 - f);
                        dzx[dzo + 2 * u + j] = dcv * i * (1 - g * g);
                        dzx[dzo + 3 * u + j] = dhv * tc * o * (1 - o);
                    }
                }
            });
            // dh_prev = dz · recurrent_kernelᵀ.
            if (s > 0 || dh0 != null) gemm(false, true, batch, u, g4, dzx, t * g4, ldz, rk, 0, g4, s > 0 ? dh : dh0, 0, u, false);
        }
        if (dc0 != null) System.arraycopy(dc, 0, dc0, 0, batch * u);
        if (drk != null) {
            // drk = Σ_t h_prevᵀ · dz_t as one product: gather the h_prev of every time step into (batch·steps, u).
            double[] hPrev = new double[batch * steps * u];
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < steps; s++) {
                    int t = reverse ? steps - 1 - s : s;
                    if (s == 0) System.arraycopy(h0, b * u, hPrev, (b * steps + t) * u, u);
                    else System.arraycopy(out, b * ldo + (s - 1) * u, hPrev, (b * steps + t) * u, u);
                }
            }
            gemm(true, false, u, g4, batch * steps, hPrev, 0, u, dzx, 0, g4, drk, 0, g4, false);
        }
    }

    private static void gemm(boolean ta, boolean tb, int m, int n, int k, double[] a, int ao, int lda, double[] b, int bo, int ldb,
                             double[] c, int co, int ldc, boolean accumulate) {
        Sgemm.dgemm(ta, tb, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc, accumulate);
    }

    /** Sigmoid through one exp; exp's overflow to infinity gives exactly 0, never NaN. */
    private static float sigmoid(float x) { return (float) (1.0 / (1.0 + Math.exp(-x))); }

    /** tanh through one exp (Math.exp is a JIT intrinsic, Math.tanh is not); saturates to ±1 without NaN. */
    private static float tanh(float x) { return (float) (1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0)); }

    /** The float64 path serves gradient checks: the library's exact formulas. */
    private static double sigmoid(double x) { return Elementwise.sigmoid(x); }

    private static double tanh(double x) { return Math.tanh(x); }
}
