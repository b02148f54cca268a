package io.keras4j.backend.jvm;

import java.util.Arrays;

/**
 * SGEMM kernel in plain Java, for JVMs without the Vector API. Single-threaded: {@link Sgemm} splits
 * the work.
 *
 * <p>The inner loop is {@code c[j] += a * b[j]} over a row of op(B), which C2 auto-vectorises; it
 * updates four rows of C per pass over B's row so that each load of B feeds four multiply-adds.
 * Dot-product loops (the natural order for transB) are never used: Java forbids reordering a float
 * sum, so C2 cannot vectorise them — op(B) is transposed into a packed block instead.
 */
final class PlainSgemm {

    /** K×N block of op(B): KC rows of NC floats (256 KiB), reused by every row of C. */
    private static final int KC = 256, NC = 256;

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[KC * NC]);

    private PlainSgemm() {}

    /** C (+)= op(A)·op(B); see {@link Sgemm#sgemm}. Requires m, n, k >= 1. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, boolean accumulate) {
        float[] bp = SCRATCH.get();
        // op(A)(i, p) = a[aOff + i*ars + p*acs]
        int ars = transA ? 1 : lda, acs = transA ? lda : 1;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                // Rows of op(B)'s block at bs[bi + p*ldbs + j].
                float[] bs = b;
                int bi = bOff + pc * ldb + jc, ldbs = ldb;
                if (transB) {
                    packTransposed(b, bOff + jc * ldb + pc, ldb, kc, nc, bp);
                    bs = bp;
                    bi = 0;
                    ldbs = nc;
                }
                if (pc == 0 && !accumulate) {
                    for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc + jc, cOff + i * ldc + jc + nc, 0f);
                }
                int ai = aOff + pc * acs, ci = cOff + jc;
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    rows4(kc, nc, a, ai + i * ars, ars, acs, bs, bi, ldbs, c, ci + i * ldc, ldc);
                }
                for (; i < m; i++) row1(kc, nc, a, ai + i * ars, acs, bs, bi, ldbs, c, ci + i * ldc);
            }
        }
    }

    private static void rows4(int kc, int nc, float[] a, int ai, int rs, int cs,
                              float[] b, int bi, int ldb, float[] c, int ci, int ldc) {
        int c0 = ci, c1 = ci + ldc, c2 = ci + 2 * ldc, c3 = ci + 3 * ldc;
        for (int p = 0; p < kc; p++, ai += cs, bi += ldb) {
            float a0 = a[ai], a1 = a[ai + rs], a2 = a[ai + 2 * rs], a3 = a[ai + 3 * rs];
            for (int j = 0; j < nc; j++) {
                float bv = b[bi + j];
                c[c0 + j] += a0 * bv;
                c[c1 + j] += a1 * bv;
                c[c2 + j] += a2 * bv;
                c[c3 + j] += a3 * bv;
            }
        }
    }

    private static void row1(int kc, int nc, float[] a, int ai, int cs, float[] b, int bi, int ldb,
                             float[] c, int ci) {
        for (int p = 0; p < kc; p++, ai += cs, bi += ldb) {
            float av = a[ai];
            for (int j = 0; j < nc; j++) c[ci + j] += av * b[bi + j];
        }
    }

    /** Packs op(B)[kc×nc] = Bᵀ (B's row j at b[bi + j*ldb]) into bp[p*nc + j]. */
    private static void packTransposed(float[] b, int bi, int ldb, int kc, int nc, float[] bp) {
        for (int j = 0; j < nc; j++, bi += ldb) {
            for (int p = 0; p < kc; p++) bp[p * nc + j] = b[bi + p];
        }
    }
}
