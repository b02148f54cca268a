package io.keras4j.backend.jvm;

import java.util.Arrays;

/**
 * Row-major general matrix multiply: C[m×n] (+)= op(A)[m×k] · op(B)[k×n], op(X) = X or Xᵀ.
 *
 * <p>Every matrix is row-major with a leading dimension (the distance between rows, in elements):
 * A is stored m×k, or k×m when {@code transA}; B is stored k×n, or n×k when {@code transB}.
 *
 * <p>{@link #sgemm} runs the Vector API kernel when the {@code jdk.incubator.vector} module is in
 * the boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and the
 * system property {@code keras4j.simd} is not {@code false}; otherwise a plain-Java kernel. Large
 * products are split over {@link Parallel}'s threads.
 */
public final class Sgemm {

    private static final boolean SIMD =
            !"false".equalsIgnoreCase(System.getProperty("keras4j.simd"))
                    && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Below this many multiply-adds, handing work to another thread costs more than it saves. */
    private static final long PARALLEL_MIN_MACS = 64 * 64 * 64;
    /** Split units: the kernels' row tile, and a multiple of every kernel's column tile. */
    private static final int ROW_BLOCK = VectorSgemm.MR, COL_BLOCK = 64;
    /** Fewest rows of C per thread for which splitting rows beats splitting columns. */
    private static final int MIN_ROWS_PER_THREAD = 64;

    private Sgemm() {}

    /** Whether {@link #sgemm} uses the Vector API kernel. */
    public static boolean vectorized() {
        return SIMD;
    }

    /**
     * C[m×n] (+)= op(A)[m×k] · op(B)[k×n] in single precision.
     *
     * @param transA     whether op(A) = Aᵀ (A stored k×m) rather than A (stored m×k)
     * @param transB     whether op(B) = Bᵀ (B stored n×k) rather than B (stored k×n)
     * @param accumulate add to C; when false C is overwritten, whatever it held (NaN included)
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate) {
        checkArgs(transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (!accumulate) for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            return;
        }
        int threads = Parallel.threads();
        if (threads == 1 || (long) m * n * k < PARALLEL_MIN_MACS) {
            kernel(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else if (m >= MIN_ROWS_PER_THREAD * threads || n < 2 * COL_BLOCK) {
            // Split C's rows. Each thread packs all of B, but writes rows no other thread touches;
            // split columns, two threads write either end of a cache line in every row of C
            // (measured: 128x512x10 ran at half the speed on two threads as on one).
            int blocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
            Parallel.forRange(blocks, 1, (from, to) -> {
                int i0 = from * ROW_BLOCK, i1 = Math.min(m, to * ROW_BLOCK);
                kernel(transA, transB, i1 - i0, n, k, a, aOff + (transA ? i0 : i0 * lda), lda, b, bOff, ldb,
                        c, cOff + i0 * ldc, ldc, accumulate);
            });
        } else {
            // Few rows: split C's columns, so that each thread packs only its own part of B.
            int blocks = (n + COL_BLOCK - 1) / COL_BLOCK;
            Parallel.forRange(blocks, 1, (from, to) -> {
                int j0 = from * COL_BLOCK, j1 = Math.min(n, to * COL_BLOCK);
                kernel(transA, transB, m, j1 - j0, k, a, aOff, lda, b, bOff + (transB ? j0 * ldb : j0), ldb,
                        c, cOff + j0, ldc, accumulate);
            });
        }
    }

    private static void kernel(boolean transA, boolean transB, int m, int n, int k,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float[] c, int cOff, int ldc, boolean accumulate) {
        // VectorSgemm is referenced only on this branch, so a JVM without the module never loads it.
        if (SIMD) VectorSgemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        else PlainSgemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /**
     * C[m×n] (+)= op(A)[m×k] · op(B)[k×n] in double precision; same arguments as {@link #sgemm}.
     * Straightforward loops, single-threaded: meant for float64 gradient checks, not speed.
     */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double[] c, int cOff, int ldc, boolean accumulate) {
        checkArgs(transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        int ars = transA ? 1 : lda, acs = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * ars, ci = cOff + i * ldc;
            if (!accumulate) Arrays.fill(c, ci, ci + n, 0.0);
            if (transB) {
                // op(B)'s column j is B's row j: a dot product over contiguous memory.
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0, bi = bOff + j * ldb; p < k; p++) s += a[ai + p * acs] * b[bi + p];
                    c[ci + j] += s;
                }
            } else {
                for (int p = 0; p < k; p++) {
                    double av = a[ai + p * acs];
                    for (int j = 0, bi = bOff + p * ldb; j < n; j++) c[ci + j] += av * b[bi + j];
                }
            }
        }
    }

    private static void checkArgs(boolean transA, boolean transB, int m, int n, int k,
                                  int aLen, int aOff, int lda, int bLen, int bOff, int ldb,
                                  int cLen, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative dimension: m=" + m + " n=" + n + " k=" + k);
        }
        checkMatrix("A", transA ? k : m, transA ? m : k, aLen, aOff, lda);
        checkMatrix("B", transB ? n : k, transB ? k : n, bLen, bOff, ldb);
        checkMatrix("C", m, n, cLen, cOff, ldc);
    }

    private static void checkMatrix(String name, int rows, int cols, int len, int off, int ld) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("leading dimension of " + name + " (" + ld
                    + ") is less than its width " + cols);
        }
        if (rows == 0 || cols == 0) return;
        long end = off + (long) (rows - 1) * ld + cols;
        if (off < 0 || end > len) {
            throw new IndexOutOfBoundsException(name + " (" + rows + "x" + cols + ", offset " + off
                    + ", leading dimension " + ld + ") does not fit in an array of " + len);
        }
    }
}
