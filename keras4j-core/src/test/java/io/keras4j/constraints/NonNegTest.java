package io.keras4j.constraints;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class NonNegTest {
    @Test void zeroesNegativeWeights() {
        assertArrayEquals(new double[] {0, 0, 2.5, 0}, new NonNeg().apply(Tensor.of(new double[] {-1, 0, 2.5, -1e-9})).toDoubleArray());
        assertEquals(Map.of(), new NonNeg().getConfig());
        assertEquals("NonNeg", new NonNeg().className());
    }
}
