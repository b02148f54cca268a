package io.keras4j.backend.jvm;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM kernel written with the Vector API (jdk.incubator.vector). Loaded only when that module is
 * in the boot layer; see {@link Sgemm}. Single-threaded: {@link Sgemm} splits the work.
 *
 * <p>Goto/BLIS-style: a KC×NC block of op(B) is packed into slivers NR columns wide, and each strip
 * of MR rows of op(A) into an MR×KC panel, so that the micro-kernel reads both contiguously with
 * constant strides whatever the transposes and leading dimensions (measured: reading A in place
 * through variable strides ran the kernel at ~110 GFLOP/s instead of ~190). The micro-kernel keeps
 * an MR×NR tile of C in registers while it runs over KC; the A panel stays in L1 across a whole row
 * of B slivers, and the packed B block in L2.
 */
final class VectorSgemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Micro-tile: MR rows × two vectors, 16 accumulators: enough FMAs in flight to hide their
     *  latency, yet compact enough that C1 compiles the kernel (one C1 refuses never reaches C2). */
    static final int MR = 8, NR = 2 * L;
    /** Blocks: the packed B block (KC×NC floats, 512 KiB) stays in L2, the A panel in L1. */
    private static final int KC = 256, NC = 512;
    /** Widest C (in columns) for which A is read in place rather than packed. */
    private static final int DIRECT_MAX_N = 2 * NR;

    /** Per-thread packing buffers, kept so that repeated small GEMMs do not allocate. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(
            () -> new float[][] {new float[KC * NC], new float[MR * KC], new float[MR * NR]});

    private VectorSgemm() {}

    /** C (+)= op(A)·op(B); see {@link Sgemm#sgemm}. Requires m, n, k >= 1. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, boolean accumulate) {
        float[][] scratch = SCRATCH.get();
        float[] bp = scratch[0], ap = scratch[1], tile = scratch[2];
        // op(A)(i, p) = a[aOff + i*ars + p*acs]
        int ars = transA ? 1 : lda, acs = transA ? lda : 1;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean acc = accumulate || pc > 0;
                packB(transB, b, transB ? bOff + jc * ldb + pc : bOff + pc * ldb + jc, ldb, kc, nc, bp);
                for (int i = 0; i < m; i += MR) {
                    int mr = Math.min(MR, m - i);
                    // A narrow C uses each A panel for one or two slivers only, and packing it cost
                    // as much as the products (im2col convolutions, 32 or 64 filters): read full
                    // strips of a non-transposed A in place instead.
                    boolean direct = !transA && mr == MR && nc <= DIRECT_MAX_N;
                    if (!direct) packA(a, aOff + i * ars + pc * acs, ars, acs, mr, kc, ap);
                    for (int j = 0; j < nc; j += NR) {
                        if (direct) kernelInPlace(kc, a, aOff + i * lda + pc, lda, bp, j * kc, tile);
                        else kernel(kc, ap, bp, j * kc, tile);
                        addTile(tile, mr, Math.min(NR, nc - j), c, cOff + i * ldc + jc + j, ldc, acc);
                    }
                }
            }
        }
    }

    /**
     * The MR×NR micro-kernel: tile[r*NR + j] = A panel (a[p*MR + r]) · B sliver (b[bi + p*NR + j]).
     * It writes a scratch tile rather than C, because C2 inlines no helper that takes vectors
     * (accumulate-or-store) once that helper is compiled on its own, and a vector passed to a
     * call that is not inlined is boxed: the kernel then ran hundreds of times slower.
     */
    private static void kernel(int kc, float[] a, float[] b, int bi, float[] t) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        FloatVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int ai = 0, end = kc * MR; ai < end; ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ai + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        c10.intoArray(t, NR);
        c11.intoArray(t, NR + L);
        c20.intoArray(t, 2 * NR);
        c21.intoArray(t, 2 * NR + L);
        c30.intoArray(t, 3 * NR);
        c31.intoArray(t, 3 * NR + L);
        c40.intoArray(t, 4 * NR);
        c41.intoArray(t, 4 * NR + L);
        c50.intoArray(t, 5 * NR);
        c51.intoArray(t, 5 * NR + L);
        c60.intoArray(t, 6 * NR);
        c61.intoArray(t, 6 * NR + L);
        c70.intoArray(t, 7 * NR);
        c71.intoArray(t, 7 * NR + L);
    }

    /** As {@link #kernel}, reading MR rows of A in place: row r, column p at a[ai + r*lda + p]. */
    private static void kernelInPlace(int kc, float[] a, int ai, int lda, float[] b, int bi, float[] t) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        FloatVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        int a1 = ai + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda, a7 = a6 + lda;
        for (int p = 0; p < kc; p++, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[ai + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + p]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + p]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(t, 0);
        c01.intoArray(t, L);
        c10.intoArray(t, NR);
        c11.intoArray(t, NR + L);
        c20.intoArray(t, 2 * NR);
        c21.intoArray(t, 2 * NR + L);
        c30.intoArray(t, 3 * NR);
        c31.intoArray(t, 3 * NR + L);
        c40.intoArray(t, 4 * NR);
        c41.intoArray(t, 4 * NR + L);
        c50.intoArray(t, 5 * NR);
        c51.intoArray(t, 5 * NR + L);
        c60.intoArray(t, 6 * NR);
        c61.intoArray(t, 6 * NR + L);
        c70.intoArray(t, 7 * NR);
        c71.intoArray(t, 7 * NR + L);
    }

    /** C[mr×nr] (+)= tile. */
    private static void addTile(float[] t, int mr, int nr, float[] c, int ci, int ldc, boolean acc) {
        for (int r = 0, ti = 0; r < mr; r++, ti += NR, ci += ldc) {
            if (nr == NR) {
                FloatVector v0 = FloatVector.fromArray(S, t, ti), v1 = FloatVector.fromArray(S, t, ti + L);
                if (acc) {
                    v0 = v0.add(FloatVector.fromArray(S, c, ci));
                    v1 = v1.add(FloatVector.fromArray(S, c, ci + L));
                }
                v0.intoArray(c, ci);
                v1.intoArray(c, ci + L);
            } else {
                for (int j = 0; j < nr; j++) c[ci + j] = acc ? c[ci + j] + t[ti + j] : t[ti + j];
            }
        }
    }

    /** Packs op(B)[kc×nc] (starting at bi) into slivers of NR columns, zero-padding the last one. */
    private static void packB(boolean transB, float[] b, int bi, int ldb, int kc, int nc, float[] bp) {
        for (int j = 0; j < nc; j += NR) {
            int nr = Math.min(NR, nc - j), dst = j * kc;
            if (nr < NR) Arrays.fill(bp, dst, dst + kc * NR, 0f);
            if (transB) {
                // op(B)(p, j) = b[bi + j*ldb + p]: read B's rows contiguously, write strided.
                for (int jj = 0; jj < nr; jj++) {
                    int src = bi + (j + jj) * ldb;
                    for (int p = 0; p < kc; p++) bp[dst + p * NR + jj] = b[src + p];
                }
            } else if (nr == NR) {
                for (int p = 0, src = bi + j; p < kc; p++, src += ldb, dst += NR) {
                    FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                    FloatVector.fromArray(S, b, src + L).intoArray(bp, dst + L);
                }
            } else {
                for (int p = 0, src = bi + j; p < kc; p++, src += ldb, dst += NR) System.arraycopy(b, src, bp, dst, nr);
            }
        }
    }

    /** Packs an mr×kc slice of op(A) (row r at a[ai + r*rs + p*cs]) into ap[p*MR + r], zero-padding
     *  rows mr..MR-1 so that the kernel needs no edge case. */
    private static void packA(float[] a, int ai, int rs, int cs, int mr, int kc, float[] ap) {
        if (mr < MR) Arrays.fill(ap, 0, kc * MR, 0f);
        // Inner loops run along contiguous source elements: with a short inner loop over r instead,
        // products with a narrow C (where packing A is most of the work) ran 1.6× slower.
        if (cs == 1) {
            for (int r = 0; r < mr; r++, ai += rs) {
                for (int p = 0; p < kc; p++) ap[p * MR + r] = a[ai + p];
            }
        } else {
            for (int p = 0; p < kc; p++, ai += cs) System.arraycopy(a, ai, ap, p * MR, mr);
        }
    }
}
