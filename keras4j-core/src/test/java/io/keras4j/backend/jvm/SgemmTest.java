package io.keras4j.backend.jvm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SgemmTest {

    /** The entry points under test; the kernels alone need m, n, k >= 1. */
    private interface Gemm {
        void run(boolean ta, boolean tb, int m, int n, int k, float[] a, int aOff, int lda,
                 float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean acc);
    }

    private static final int[] SIZES = {0, 1, 3, 17, 33, 65, 130};
    /** Sizes past the kernels' blocks (K block 256, N block 512) and odd against their tiles. */
    private static final int[][] LARGE = {{130, 65, 300}, {9, 530, 40}, {40, 520, 513}, {300, 10, 20}, {1, 700, 257}};

    private final int originalThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(originalThreads);
    }

    @Test
    void sgemmMatchesNaiveOneThread() {
        Parallel.setThreads(1);
        checkAll(Sgemm::sgemm, true);
    }

    @Test
    void sgemmMatchesNaiveOnSeveralThreads() {
        // Shapes large enough to be split, over C's rows (tall or narrow C) or its columns (few rows).
        int[][] shapes = {{65, 130, 130}, {130, 65, 65}, {130, 17, 130}, {33, 130, 130}, {130, 3, 1000}, {9, 530, 70}};
        for (int threads : new int[] {2, 3}) {
            Parallel.setThreads(threads);
            Random rnd = new Random(threads);
            for (int[] s : shapes) checkTransposes(Sgemm::sgemm, s[0], s[1], s[2], rnd);
        }
    }

    @Test
    void vectorKernelMatchesNaive() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "run with --add-modules jdk.incubator.vector");
        checkAll(VectorSgemm::sgemm, false);
    }

    @Test
    void plainKernelMatchesNaive() {
        checkAll(PlainSgemm::sgemm, false);
    }

    @Test
    void vectorizedFollowsTheModuleAndProperty() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean disabled = "false".equalsIgnoreCase(System.getProperty("keras4j.simd"));
        assertEquals(module && !disabled, Sgemm.vectorized());
    }

    @Test
    void kZeroZeroesOrKeepsC() {
        float[] c = {1, 2, 3, 4, 5, 6, 7};
        Sgemm.sgemm(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 2, c, 1, 3, true);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7}, c);
        Sgemm.sgemm(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 2, c, 1, 3, false);
        assertArrayEquals(new float[] {1, 0, 0, 4, 0, 0, 7}, c);
    }

    @Test
    void dgemmMatchesNaive() {
        Random rnd = new Random(3);
        for (int[] s : new int[][] {{1, 1, 1}, {3, 17, 5}, {33, 1, 65}, {17, 33, 0}, {0, 4, 4}, {40, 30, 300}}) {
            for (int t = 0; t < 8; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0, acc = (t & 4) != 0;
                int m = s[0], n = s[1], k = s[2];
                Mat a = new Mat(ta ? k : m, ta ? m : k, rnd), b = new Mat(tb ? n : k, tb ? k : n, rnd), c = new Mat(m, n, rnd);
                double[] cd = toDouble(c.data), expected = new double[m * n];
                naive(ta, tb, m, n, k, a, b, c, acc, expected, new double[m * n]);
                Sgemm.dgemm(ta, tb, m, n, k, toDouble(a.data), a.off, a.ld, toDouble(b.data), b.off, b.ld, cd, c.off, c.ld, acc);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(expected[i * n + j], cd[c.off + i * c.ld + j], 1e-12 * (k + 1), "dgemm " + s[0] + "x" + s[1] + "x" + s[2]);
                    }
                }
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        float[] x = new float[16];
        assertThrows(IllegalArgumentException.class, () -> Sgemm.sgemm(false, false, -1, 2, 2, x, 0, 2, x, 0, 2, x, 0, 2, false));
        assertThrows(IllegalArgumentException.class, () -> Sgemm.sgemm(false, false, 2, 2, 3, x, 0, 2, x, 0, 2, x, 0, 2, false));
        assertThrows(IllegalArgumentException.class, () -> Sgemm.sgemm(true, false, 3, 2, 2, x, 0, 2, x, 0, 2, x, 0, 2, false));
        assertThrows(IndexOutOfBoundsException.class, () -> Sgemm.sgemm(false, false, 4, 4, 4, x, 1, 4, x, 0, 4, x, 0, 4, false));
        assertThrows(IndexOutOfBoundsException.class, () -> Sgemm.sgemm(false, true, 4, 5, 4, x, 0, 4, x, 0, 4, new float[20], 0, 5, false));
    }

    private static void checkAll(Gemm gemm, boolean zeros) {
        Random rnd = new Random(42);
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (int k : SIZES) {
                    if (zeros || (m > 0 && n > 0 && k > 0)) checkTransposes(gemm, m, n, k, rnd);
                }
            }
        }
        for (int[] s : LARGE) checkTransposes(gemm, s[0], s[1], s[2], rnd);
    }

    private static void checkTransposes(Gemm gemm, int m, int n, int k, Random rnd) {
        for (int t = 0; t < 8; t++) {
            boolean ta = (t & 1) != 0, tb = (t & 2) != 0, acc = (t & 4) != 0;
            Mat a = new Mat(ta ? k : m, ta ? m : k, rnd), b = new Mat(tb ? n : k, tb ? k : n, rnd);
            Mat c = new Mat(m, n, rnd);
            double[] expected = new double[m * n], bound = new double[m * n];
            naive(ta, tb, m, n, k, a, b, c, acc, expected, bound);
            if (!acc) c.fillGarbage(); // overwrite mode must ignore what C held, NaN included
            gemm.run(ta, tb, m, n, k, a.data, a.off, a.ld, b.data, b.off, b.ld, c.data, c.off, c.ld, acc);
            String where = "m=" + m + " n=" + n + " k=" + k + " transA=" + ta + " transB=" + tb + " acc=" + acc;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    // Error bound of a float sum of k+1 terms, relative to the sum of their magnitudes.
                    double want = expected[i * n + j], got = c.data[c.off + i * c.ld + j];
                    if (!(Math.abs(got - want) <= 1e-6 + 1.2e-7 * (k + 2) * bound[i * n + j])) {
                        fail(where + " at " + i + "," + j + ": expected " + want + " but got " + got);
                    }
                }
            }
            c.assertPaddingUntouched(where);
        }
    }

    /** The product in double, and the sum of the magnitudes of its terms. */
    private static void naive(boolean ta, boolean tb, int m, int n, int k, Mat a, Mat b, Mat c, boolean acc,
                              double[] out, double[] magnitude) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = acc ? c.get(i, j) : 0, mag = Math.abs(s);
                for (int p = 0; p < k; p++) {
                    double term = (double) (ta ? a.get(p, i) : a.get(i, p)) * (tb ? b.get(j, p) : b.get(p, j));
                    s += term;
                    mag += Math.abs(term);
                }
                out[i * n + j] = s;
                magnitude[i * n + j] = mag;
            }
        }
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }

    /** A rows×cols matrix at a random offset in a larger array, with a leading dimension wider than
     *  its rows; the padding holds a sentinel that must survive. */
    private static final class Mat {
        static final float SENTINEL = -12345f;
        final int rows, cols, off, ld;
        final float[] data;

        Mat(int rows, int cols, Random rnd) {
            this.rows = rows;
            this.cols = cols;
            off = rnd.nextInt(5);
            ld = Math.max(1, cols + rnd.nextInt(4));
            data = new float[off + rows * ld + 3];
            java.util.Arrays.fill(data, SENTINEL);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) data[off + i * ld + j] = rnd.nextFloat() * 2 - 1;
            }
        }

        float get(int i, int j) {
            return data[off + i * ld + j];
        }

        void fillGarbage() {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) data[off + i * ld + j] = (i + j) % 2 == 0 ? Float.NaN : 1e30f;
            }
        }

        void assertPaddingUntouched(String where) {
            for (int x = 0; x < data.length; x++) {
                int r = (x - off) / ld, col = (x - off) % ld;
                boolean inside = x >= off && r < rows && col < cols;
                if (!inside && data[x] != SENTINEL) fail(where + ": wrote outside C at " + x);
            }
        }
    }
}
