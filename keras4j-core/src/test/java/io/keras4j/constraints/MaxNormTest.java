package io.keras4j.constraints;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MaxNormTest {
    private static final double EPS = 1e-7; // Keras's backend.epsilon()

    @Test void rescalesColumnsAboveTheBoundToIt() {
        // Columns (3, 4) and (0, 1): norms 5 and 1.
        Tensor w = Tensor.of(new double[][] {{3, 0}, {4, 1}});
        double[] out = new MaxNorm(2).apply(w).toDoubleArray();
        double s0 = 2 / (EPS + 5), s1 = 1 / (EPS + 1);
        assertArrayEquals(new double[] {3 * s0, 0, 4 * s0, s1}, out, 1e-15);
        assertEquals(2.0, Math.hypot(out[0], out[2]), 1e-6);
    }

    @Test void axisOneConstrainsRows() {
        Tensor w = Tensor.of(new double[][] {{3, 4}, {0, 1}});
        double s0 = 2 / (EPS + 5), s1 = 1 / (EPS + 1);
        assertArrayEquals(new double[] {3 * s0, 4 * s0, 0, s1}, new MaxNorm(2, 1).apply(w).toDoubleArray(), 1e-15);
    }

    @Test void severalAxesAsForAConvKernel() {
        // (2, 1, 2) kernel, norms over axes 0 and 1 per filter: filter 0 (3, 4) -> 5, filter 1 (0.3, 0.4) -> 0.5.
        Tensor w = Tensor.of(new float[] {3, 0.3f, 4, 0.4f}, 2, 1, 2);
        double[] out = new MaxNorm(1, 0, 1).apply(w).toDoubleArray();
        assertEquals(3 / (EPS + 5), out[0], 1e-6);
        assertEquals(0.4 * 0.5 / (EPS + 0.5), out[3], 1e-6);
        assertEquals(List.of(0, 1), new MaxNorm(1, 0, 1).getConfig().get("axis"));
    }

    @Test void defaultsAndConfigAreKeras() {
        MaxNorm m = new MaxNorm();
        assertEquals(2.0, m.maxValue());
        assertArrayEquals(new int[] {0}, m.axis());
        assertEquals(Map.of("max_value", 2.0, "axis", 0), m.getConfig());
        assertEquals("MaxNorm", m.serialize().get("class_name"));
        assertEquals("keras.constraints", m.serialize().get("module"));
    }
}
