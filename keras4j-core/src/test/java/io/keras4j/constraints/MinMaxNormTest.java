package io.keras4j.constraints;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MinMaxNormTest {
    private static final double EPS = 1e-7;
    // Columns (3, 4) with norm 5 and (0.3, 0.4) with norm 0.5.
    private static final Tensor W = Tensor.of(new double[][] {{3, 0.3}, {4, 0.4}});

    @Test void strictRateClipsNormsIntoTheInterval() {
        double[] out = new MinMaxNorm(1, 2).apply(W).toDoubleArray();
        assertArrayEquals(new double[] {3 * 2 / (EPS + 5), 0.3 * 1 / (EPS + 0.5), 4 * 2 / (EPS + 5), 0.4 * 1 / (EPS + 0.5)}, out, 1e-15);
    }

    @Test void partialRateMovesPartWay() {
        // desired = 0.5 * clip(n, 1, 2) + 0.5 * n: 3.5 for n = 5, 0.75 for n = 0.5
        double[] out = new MinMaxNorm(1, 2, 0.5, 0).apply(W).toDoubleArray();
        assertEquals(3 * 3.5 / (EPS + 5), out[0], 1e-15);
        assertEquals(0.4 * 0.75 / (EPS + 0.5), out[3], 1e-15);
    }

    @Test void defaultsAndConfigAreKeras() {
        MinMaxNorm m = new MinMaxNorm();
        assertEquals(0.0, m.minValue());
        assertEquals(1.0, m.maxValue());
        assertEquals(1.0, m.rate());
        assertEquals(Map.of("min_value", 0.0, "max_value", 1.0, "rate", 1.0, "axis", 0), m.getConfig());
        // Default interval [0, 1]: the norm-5 column becomes a unit column.
        double[] out = m.apply(W).toDoubleArray();
        assertEquals(1.0, Math.hypot(out[0], out[2]), 1e-6);
    }
}
