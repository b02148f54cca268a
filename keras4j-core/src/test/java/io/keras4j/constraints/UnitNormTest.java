package io.keras4j.constraints;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class UnitNormTest {
    @Test void dividesEachColumnByEpsilonPlusItsNorm() {
        Tensor w = Tensor.of(new double[][] {{3, 0}, {4, 0.5}});
        double[] out = new UnitNorm().apply(w).toDoubleArray();
        assertArrayEquals(new double[] {3 / (1e-7 + 5), 0, 4 / (1e-7 + 5), 0.5 / (1e-7 + 0.5)}, out, 1e-15);
    }

    @Test void zeroColumnsStayZero() {
        // epsilon keeps 0 / 0 away.
        assertArrayEquals(new double[] {0, 0}, new UnitNorm().apply(Tensor.of(new double[][] {{0}, {0}})).toDoubleArray());
    }

    @Test void axisAndConfig() {
        Tensor w = Tensor.of(new double[][] {{3, 4}, {0, 2}});
        double[] out = new UnitNorm(1).apply(w).toDoubleArray();
        assertEquals(0.8, out[1], 1e-6);
        assertEquals(1.0, out[3], 1e-6);
        assertEquals(Map.of("axis", 0), new UnitNorm().getConfig());
        assertEquals(Map.of("axis", 1), new UnitNorm(1).getConfig());
    }
}
