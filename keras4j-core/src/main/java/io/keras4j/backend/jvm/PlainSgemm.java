package io.keras4j.backend.jvm;

/**
 * SGEMM kernel in plain Java, for JVMs without the Vector API. Single-threaded: {@link Sgemm} splits
 * the work.
 *
 * <p>The inner loop is {@code c[j] += a * b[j]} over a row of op(B), which C2 auto-vectorises, for
 * four rows of C per pass so that each load of B feeds four multiply-adds. C2 vectorises it only
 * when every array in the loop is indexed by the same expression (otherwise it cannot rule out that
 * two of them are one array, overlapping): so the rows of B are packed into arrays of their own and
 * C's rows are accumulated in scratch arrays, all indexed [j] (measured: ~40 GFLOP/s instead of 5).
 * Dot-product loops, the natural order for transB, are never used: Java forbids reordering a float
 * sum, so C2 cannot vectorise them.
 */
final class PlainSgemm {

    /** K×N block of op(B): KC rows of NC floats (256 KiB), reused by every row of C. */
    private static final int KC = 256, NC = 256;
    private static final int MR = 4;

    /** Per-thread buffers: KC packed rows of B, then MR rows of C. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[KC + MR][NC]);

    private PlainSgemm() {}

    /** C (+)= op(A)·op(B); see {@link Sgemm#sgemm}. Requires m, n, k >= 1. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, boolean accumulate) {
        float[][] scratch = SCRATCH.get();
        float[] t0 = scratch[KC], t1 = scratch[KC + 1], t2 = scratch[KC + 2], t3 = scratch[KC + 3];
        // op(A)(i, p) = a[aOff + i*ars + p*acs]
        int ars = transA ? 1 : lda, acs = transA ? lda : 1;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean acc = accumulate || pc > 0;
                packB(transB, b, transB ? bOff + jc * ldb + pc : bOff + pc * ldb + jc, ldb, kc, nc, scratch);
                int i = 0;
                for (; i + MR <= m; i += MR) {
                    int ai = aOff + i * ars + pc * acs, ci = cOff + i * ldc + jc;
                    rows4(kc, nc, a, ai, ars, acs, scratch, t0, t1, t2, t3);
                    store(t0, nc, c, ci, acc);
                    store(t1, nc, c, ci + ldc, acc);
                    store(t2, nc, c, ci + 2 * ldc, acc);
                    store(t3, nc, c, ci + 3 * ldc, acc);
                }
                for (; i < m; i++) {
                    row1(kc, nc, a, aOff + i * ars + pc * acs, acs, scratch, t0);
                    store(t0, nc, c, cOff + i * ldc + jc, acc);
                }
            }
        }
    }

    /** t_r[0..nc) = Σ_p op(A)(r, p) · b[p][0..nc) for four rows r. */
    private static void rows4(int kc, int nc, float[] a, int ai, int rs, int cs, float[][] b,
                              float[] t0, float[] t1, float[] t2, float[] t3) {
        for (int j = 0; j < nc; j++) t0[j] = t1[j] = t2[j] = t3[j] = 0f;
        for (int p = 0; p < kc; p++, ai += cs) {
            float a0 = a[ai], a1 = a[ai + rs], a2 = a[ai + 2 * rs], a3 = a[ai + 3 * rs];
            float[] bp = b[p];
            for (int j = 0; j < nc; j++) {
                float bv = bp[j];
                t0[j] += a0 * bv;
                t1[j] += a1 * bv;
                t2[j] += a2 * bv;
                t3[j] += a3 * bv;
            }
        }
    }

    private static void row1(int kc, int nc, float[] a, int ai, int cs, float[][] b, float[] t) {
        for (int j = 0; j < nc; j++) t[j] = 0f;
        for (int p = 0; p < kc; p++, ai += cs) {
            float av = a[ai];
            float[] bp = b[p];
            for (int j = 0; j < nc; j++) t[j] += av * bp[j];
        }
    }

    private static void store(float[] t, int nc, float[] c, int ci, boolean acc) {
        if (acc) {
            for (int j = 0; j < nc; j++) c[ci + j] += t[j];
        } else {
            System.arraycopy(t, 0, c, ci, nc);
        }
    }

    /** Packs op(B)[kc×nc] (starting at bi) into rows bp[p][0..nc). */
    private static void packB(boolean transB, float[] b, int bi, int ldb, int kc, int nc, float[][] bp) {
        if (transB) {
            // op(B)(p, j) = b[bi + j*ldb + p]: read B's rows contiguously.
            for (int j = 0; j < nc; j++, bi += ldb) {
                for (int p = 0; p < kc; p++) bp[p][j] = b[bi + p];
            }
        } else {
            for (int p = 0; p < kc; p++, bi += ldb) System.arraycopy(b, bi, bp[p], 0, nc);
        }
    }
}
