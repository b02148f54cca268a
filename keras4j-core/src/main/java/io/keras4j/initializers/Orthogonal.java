package io.keras4j.initializers;

import io.keras4j.ops.Ops;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * A random orthogonal matrix times {@code gain} (default 1), as {@code keras.initializers.Orthogonal}.
 * A shape of rank above 2 is treated as a matrix of {@code prod(shape[:-1])} rows and
 * {@code shape[-1]} columns; with fewer rows than columns the rows are orthonormal, otherwise the
 * columns are.
 */
public final class Orthogonal extends RandomInitializer {
    private final double gain;

    public Orthogonal() { this(1.0, null); }

    public Orthogonal(double gain) { this(gain, null); }

    public Orthogonal(double gain, Long seed) {
        super(seed);
        this.gain = gain;
    }

    public double gain() { return gain; }

    @Override public Tensor generate(Shape shape, DType dtype) {
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("The tensor to initialize must be at least two-dimensional. Received: shape="
                    + shape + " of rank " + shape.rank() + ".");
        }
        int cols = shape.dim(-1), rows = shape.size() / Math.max(1, cols);
        int m = Math.max(rows, cols), n = Math.min(rows, cols);
        // Keras takes Q of the QR factorisation of a normal matrix, with each column's sign flipped
        // so R's diagonal is positive (making Q uniformly distributed). Gram-Schmidt yields exactly
        // that Q; the second pass restores orthogonality lost to rounding.
        double[] a = Random.normal(Shape.of(m, n), 0, 1, DType.FLOAT64, effectiveSeed()).toDoubleArray();
        double[][] q = new double[n][m];
        for (int j = 0; j < n; j++) {
            double[] v = q[j];
            for (int i = 0; i < m; i++) v[i] = a[i * n + j];
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < m; i++) dot += q[k][i] * v[i];
                    for (int i = 0; i < m; i++) v[i] -= dot * q[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) norm += v[i] * v[i];
            norm = Math.sqrt(norm);
            for (int i = 0; i < m; i++) v[i] = norm == 0 ? 0 : v[i] / norm;
        }
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // q[j] is column j of the m×n factor; with fewer rows than columns Keras uses its transpose.
                out[r * cols + c] = gain * (rows < cols ? q[r][c] : q[c][r]);
            }
        }
        return Ops.cast(Tensor.of(out, shape.dims()), dtype);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("gain", gain);
        return c;
    }
}
