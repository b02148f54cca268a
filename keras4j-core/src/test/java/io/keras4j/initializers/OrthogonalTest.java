package io.keras4j.initializers;

import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OrthogonalTest {
    /** {@code M^T M} for an r×c row-major matrix. */
    private static double[][] gram(double[] m, int r, int c) {
        double[][] g = new double[c][c];
        for (int i = 0; i < c; i++) for (int j = 0; j < c; j++) for (int k = 0; k < r; k++) g[i][j] += m[k * c + i] * m[k * c + j];
        return g;
    }

    private static double[] transpose(double[] m, int r, int c) {
        double[] t = new double[r * c];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) t[j * r + i] = m[i * c + j];
        return t;
    }

    private static void assertScaledIdentity(double[][] g, double diag, double tol) {
        for (int i = 0; i < g.length; i++) for (int j = 0; j < g.length; j++) assertEquals(i == j ? diag : 0, g[i][j], tol, "entry " + i + "," + j);
    }

    @Test void tallMatrixHasOrthonormalColumns() {
        double[] q = new Orthogonal(1.0, 3L).generate(Shape.of(7, 4), DType.FLOAT64).toDoubleArray();
        assertScaledIdentity(gram(q, 7, 4), 1, 1e-12);
    }

    @Test void wideMatrixHasOrthonormalRows() {
        double[] q = new Orthogonal(1.0, 3L).generate(Shape.of(4, 9), DType.FLOAT64).toDoubleArray();
        assertScaledIdentity(gram(transpose(q, 4, 9), 9, 4), 1, 1e-12);
    }

    /** Q^T Q = gain^2 I. */
    @Test void gainScales() {
        double[] q = new Orthogonal(2.0, 8L).generate(Shape.of(6, 6), DType.FLOAT64).toDoubleArray();
        assertScaledIdentity(gram(q, 6, 6), 4, 1e-12);
    }

    /** A conv kernel (3, 3, 16, 32) is a 144×32 matrix with orthonormal columns; float32 output. */
    @Test void convKernelIsFlattenedToRowsAndLastAxis() {
        Tensor t = new Orthogonal(1.0, 5L).generate(Shape.of(3, 3, 16, 32));
        assertEquals(DType.FLOAT32, t.dtype());
        assertEquals(Shape.of(3, 3, 16, 32), t.shape());
        assertScaledIdentity(gram(t.toDoubleArray(), 144, 32), 1, 1e-5);
    }

    /**
     * Keras takes Q from the QR factorisation of a standard normal matrix A (of the same seed) and
     * flips column signs so R's diagonal is positive: so Q^T A = R is upper triangular with a
     * positive diagonal.
     */
    @Test void isTheQOfAPositiveDiagonalQR() {
        long seed = 21;
        double[] q = new Orthogonal(1.0, seed).generate(Shape.of(6, 4), DType.FLOAT64).toDoubleArray();
        double[] a = Random.normal(Shape.of(6, 4), 0, 1, DType.FLOAT64, seed).toDoubleArray();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double r = 0;
                for (int k = 0; k < 6; k++) r += q[k * 4 + i] * a[k * 4 + j];
                if (i > j) assertEquals(0, r, 1e-12, "R[" + i + "][" + j + "]");
                if (i == j) assertEquals(true, r > 0, "R[" + i + "][" + i + "] = " + r);
            }
        }
    }

    @Test void seededRepeatsUnseededDiffer() {
        float[] a = new Orthogonal(1.0, 4L).generate(Shape.of(5, 5)).toFloatArray();
        assertArrayEquals(a, new Orthogonal(1.0, 4L).generate(Shape.of(5, 5)).toFloatArray());
        assertFalse(java.util.Arrays.equals(a, new Orthogonal(1.0, 6L).generate(Shape.of(5, 5)).toFloatArray()));
    }

    @Test void needsAtLeastTwoDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Orthogonal().generate(Shape.of(5)));
        assertEquals("The tensor to initialize must be at least two-dimensional. Received: shape=(5,) of rank 1.", e.getMessage());
    }

    @Test void config() {
        Map<String, Object> c = new Orthogonal(0.5, 2L).getConfig();
        assertEquals(List.of("seed", "gain"), List.copyOf(c.keySet()));
        assertEquals(0.5, c.get("gain"));
        assertEquals(1.0, new Orthogonal().gain());
    }
}
