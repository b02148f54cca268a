package io.keras4j.losses;

import io.keras4j.autodiff.GradientTape;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared test helpers: tensors from Java arrays, closeness checks, a central-difference gradient. */
final class LossChecks {
    private LossChecks() {}

    static Tensor f64(double[][] rows) { return Tensor.of(rows); }

    static Tensor f64(double... values) { return Tensor.of(values, values.length); }

    static Tensor f32(double[][] rows) {
        float[][] f = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            f[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) f[i][j] = (float) rows[i][j];
        }
        return Tensor.of(f);
    }

    static Tensor f32(double... values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return Tensor.of(f, f.length);
    }

    static Tensor ints(int[][] rows) {
        int m = rows[0].length;
        int[] flat = new int[rows.length * m];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * m, m);
        return Tensor.ofInts(flat, rows.length, m);
    }

    /** A single-valued tensor close to expected (relative to max(1, |expected|)). */
    static void assertClose(double expected, Tensor actual, double tol) {
        assertEquals(1, actual.size(), "expected one value, got shape " + actual.shape());
        assertEquals(expected, actual.item(), tol * Math.max(1, Math.abs(expected)), actual::toString);
    }

    static void assertAllClose(double[] expected, Tensor actual, double tol) {
        assertEquals(expected.length, actual.size(), () -> "size of " + actual);
        for (int i = 0; i < expected.length; i++) {
            int k = i;
            assertEquals(expected[i], actual.getDouble(i), tol * Math.max(1, Math.abs(expected[i])), () -> "index " + k + " of " + actual);
        }
    }

    static void assertShape(Tensor t, int... dims) { assertArrayEquals(dims, t.shape().dims(), t.shape().toString()); }

    /** d loss.apply(yTrue, yPred, w) / d yPred from the tape. */
    static Tensor tapeGradient(Loss loss, Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        try (GradientTape tape = new GradientTape()) {
            tape.watch(yPred);
            Tensor value = loss.apply(yTrue, yPred, sampleWeight);
            return tape.gradient(value, yPred);
        }
    }

    /** The same gradient by central differences on a float64 yPred. */
    static double[] numericGradient(Loss loss, Tensor yTrue, Tensor yPred, Tensor sampleWeight, double h) {
        assertEquals(DType.FLOAT64, yPred.dtype());
        double[] x = yPred.toDoubleArray();
        double[] g = new double[x.length];
        int[] dims = yPred.shape().dims();
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + h;
            double up = loss.apply(yTrue, Tensor.of(x, dims), sampleWeight).item();
            x[i] = keep - h;
            double down = loss.apply(yTrue, Tensor.of(x, dims), sampleWeight).item();
            x[i] = keep;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    /** ||tape - numeric|| / max(||tape||, ||numeric||); also insists the gradient is not zero. */
    static double gradientRelativeError(Loss loss, Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        double[] analytic = tapeGradient(loss, yTrue, yPred, sampleWeight).toDoubleArray();
        double[] numeric = numericGradient(loss, yTrue, yPred, sampleWeight, 1e-6);
        double diff = 0, a = 0, n = 0;
        for (int i = 0; i < analytic.length; i++) {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            a += analytic[i] * analytic[i];
            n += numeric[i] * numeric[i];
        }
        assertTrue(a > 0 && n > 0, "gradient is zero; the check would prove nothing");
        return Math.sqrt(diff) / Math.max(Math.sqrt(a), Math.sqrt(n));
    }

    static boolean allFinite(Tensor t) {
        for (int i = 0; i < t.size(); i++) if (!Double.isFinite(t.getDouble(i))) return false;
        return true;
    }

    static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }
}
