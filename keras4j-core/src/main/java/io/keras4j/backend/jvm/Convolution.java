package io.keras4j.backend.jvm;

import io.keras4j.backend.Backend.ConvGeometry;
import io.keras4j.tensor.DType;

/**
 * N-D grouped convolution as im2col + GEMM, channels last. Channels last makes im2col cheap: the
 * channels of one input cell are contiguous, so a column row is assembled from block copies. The
 * batch is split over threads; inside one thread each GEMM is small, so that is where the
 * parallelism pays (a batch of one leaves the pool free for the GEMM itself).
 */
final class Convolution {
    private Convolution() {}

    /** Rows of the column matrix per spatial cell: one per window position and input channel of a group. */
    private static int colWidth(ConvGeometry g) { return Windows.product(g.kernel()) * (g.inChannels() / g.groups()); }

    /** Column-matrix elements one GEMM covers: several samples' worth when a sample's columns are
     *  small, so that each GEMM packs the kernel once for many rows (per-sample GEMMs spent much of
     *  their time packing a kernel of 9 to 288 rows for 121 to 900 output cells). */
    private static final int COL_BLOCK = 1 << 17;

    /** Per-thread float32 buffers (the column block, the partial kernel gradient), kept between calls:
     *  allocating them per call — the JVM zeroing half a MiB each time — was a tenth of a CNN step.
     *  Every kernel overwrites the part it uses before reading it. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    private static Object scratch(DType dt, int slot, int n) {
        if (dt != DType.FLOAT32) return dt.allocate(n);
        float[][] s = SCRATCH.get();
        if (s[slot].length < n) s[slot] = new float[n];
        return s[slot];
    }

    /** Samples per GEMM for a thread's share [from, to) of the batch. */
    private static int samplesPerBlock(int p, int width, int from, int to) {
        long perSample = Math.max(1L, (long) p * width);
        return (int) Math.max(1, Math.min(to - from, COL_BLOCK / perSample));
    }

    static void forward(DType dt, Object x, Object kernel, ConvGeometry g, Object out) {
        check(dt);
        int[] table = Windows.table(g);
        int p = Windows.product(g.outSpatial()), s = Windows.product(g.inSpatial());
        int cin = g.inChannels(), cout = g.outChannels(), groups = g.groups();
        int cg = cin / groups, fg = cout / groups, width = colWidth(g);
        Parallel.forRange(g.batch(), 1, (from, to) -> {
            int nb = samplesPerBlock(p, width, from, to);
            Object col = scratch(dt, 0, nb * p * width);
            for (int b0 = from; b0 < to; b0 += nb) {
                int n = Math.min(nb, to - b0);
                for (int gr = 0; gr < groups; gr++) {
                    for (int b = b0; b < b0 + n; b++) im2col(x, b * s * cin + gr * cg, cin, cg, table, p, col, (b - b0) * p * width);
                    gemm(dt, false, false, n * p, fg, width, col, 0, width, kernel, gr * fg, cout, out, b0 * p * cout + gr * fg, cout, false);
                }
            }
        });
    }

    /** dx = col2im(dy · Wᵀ): scatter each output cell's gradient back over the cells it read. */
    static void backpropInput(DType dt, Object dy, Object kernel, ConvGeometry g, Object dx) {
        check(dt);
        int[] table = Windows.table(g);
        int p = Windows.product(g.outSpatial()), s = Windows.product(g.inSpatial());
        int cin = g.inChannels(), cout = g.outChannels(), groups = g.groups();
        int cg = cin / groups, fg = cout / groups, width = colWidth(g);
        Layout.fillZero(dx, g.batch() * s * cin);
        Parallel.forRange(g.batch(), 1, (from, to) -> {
            int nb = samplesPerBlock(p, width, from, to);
            Object col = scratch(dt, 0, nb * p * width);
            for (int b0 = from; b0 < to; b0 += nb) {
                int n = Math.min(nb, to - b0);
                for (int gr = 0; gr < groups; gr++) {
                    gemm(dt, false, true, n * p, width, fg, dy, b0 * p * cout + gr * fg, cout, kernel, gr * fg, cout, col, 0, width, false);
                    for (int b = b0; b < b0 + n; b++) col2im(col, (b - b0) * p * width, table, p, cg, dx, b * s * cin + gr * cg, cin);
                }
            }
        });
    }

    /** dW = Σ_batch im2col(x)ᵀ · dy; each thread sums its part of the batch, then the parts are added. */
    static void backpropFilter(DType dt, Object x, Object dy, ConvGeometry g, Object dKernel) {
        check(dt);
        int[] table = Windows.table(g);
        int p = Windows.product(g.outSpatial()), s = Windows.product(g.inSpatial());
        int cin = g.inChannels(), cout = g.outChannels(), groups = g.groups();
        int cg = cin / groups, fg = cout / groups, width = colWidth(g);
        int n = width * cout;
        Layout.fillZero(dKernel, n);
        Object lock = new Object();
        Parallel.forRange(g.batch(), 1, (from, to) -> {
            int nb = samplesPerBlock(p, width, from, to);
            Object col = scratch(dt, 0, nb * p * width);
            Object part = scratch(dt, 1, n);
            for (int b0 = from; b0 < to; b0 += nb) {
                int cnt = Math.min(nb, to - b0);
                for (int gr = 0; gr < groups; gr++) {
                    for (int b = b0; b < b0 + cnt; b++) im2col(x, b * s * cin + gr * cg, cin, cg, table, p, col, (b - b0) * p * width);
                    // The samples' column rows are stacked, as are their rows of dy: one GEMM sums over all of them.
                    gemm(dt, true, false, width, fg, cnt * p, col, 0, width, dy, b0 * p * cout + gr * fg, cout, part, gr * fg, cout, b0 != from);
                }
            }
            synchronized (lock) {
                addInto(part, dKernel, n);
            }
        });
    }

    private static void check(DType dt) {
        if (dt != DType.FLOAT32 && dt != DType.FLOAT64) {
            throw new UnsupportedOperationException("conv is not supported for dtype " + dt + "; cast to float32 first");
        }
    }

    /** col[colOff + o * width + k * cg + c] = x[base + table[o, k] * ld + c], zero where the table says padding. */
    private static void im2col(Object x, int base, int ld, int cg, int[] table, int p, Object col, int colOff) {
        int k = table.length / Math.max(p, 1);
        int dst = colOff;
        if (cg == 1 && x instanceof float[] xf) {
            // One channel (a first layer on images): a call to arraycopy per element cost more than the copy.
            float[] cf = (float[]) col;
            for (int i = 0; i < p * k; i++) {
                int cell = table[i];
                cf[dst + i] = cell < 0 ? 0f : xf[base + cell * ld];
            }
            return;
        }
        for (int i = 0; i < p * k; i++, dst += cg) {
            int cell = table[i];
            if (cell < 0) zero(col, dst, cg);
            else System.arraycopy(x, base + cell * ld, col, dst, cg);
        }
    }

    private static void zero(Object a, int from, int n) {
        if (a instanceof float[] f) java.util.Arrays.fill(f, from, from + n, 0f);
        else java.util.Arrays.fill((double[]) a, from, from + n, 0d);
    }

    private static void col2im(Object col, int colOff, int[] table, int p, int cg, Object dx, int base, int ld) {
        int k = table.length / Math.max(p, 1);
        if (col instanceof float[] c) {
            float[] d = (float[]) dx;
            for (int i = 0, src = colOff; i < p * k; i++, src += cg) {
                int cell = table[i];
                if (cell < 0) continue;
                int off = base + cell * ld;
                for (int j = 0; j < cg; j++) d[off + j] += c[src + j];
            }
        } else {
            double[] c = (double[]) col, d = (double[]) dx;
            for (int i = 0, src = colOff; i < p * k; i++, src += cg) {
                int cell = table[i];
                if (cell < 0) continue;
                int off = base + cell * ld;
                for (int j = 0; j < cg; j++) d[off + j] += c[src + j];
            }
        }
    }

    private static void addInto(Object part, Object total, int n) {
        if (part instanceof float[] a) {
            float[] t = (float[]) total;
            for (int i = 0; i < n; i++) t[i] += a[i];
        } else {
            double[] a = (double[]) part, t = (double[]) total;
            for (int i = 0; i < n; i++) t[i] += a[i];
        }
    }

    private static void gemm(DType dt, boolean tA, boolean tB, int m, int n, int k, Object a, int aOff, int lda,
                             Object b, int bOff, int ldb, Object c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) return;
        if (dt == DType.FLOAT32) {
            Sgemm.sgemm(tA, tB, m, n, k, (float[]) a, aOff, lda, (float[]) b, bOff, ldb, (float[]) c, cOff, ldc, accumulate);
        } else {
            Sgemm.dgemm(tA, tB, m, n, k, (double[]) a, aOff, lda, (double[]) b, bOff, ldb, (double[]) c, cOff, ldc, accumulate);
        }
    }
}
