package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SumTest {
    private static Tensor t(float... v) { return Tensor.of(v, v.length); }

    @Test void sumAndWeightedSumAsKerasDocuments() {
        Sum s = new Sum();
        s.updateState(t(1, 3, 5, 7));
        assertEquals(16.0, s.result(), 1e-12);
        s.resetState();
        s.updateState(t(1, 3, 5, 7), t(1, 1, 0, 0));
        assertEquals(4.0, s.result(), 1e-12);
        assertEquals("sum", s.name());
    }

    @Test void accumulatesAndSumsEveryAxis() {
        Sum s = new Sum();
        s.updateState(t(1, 2));
        s.updateState(Tensor.of(new float[][] {{1, 2}, {3, 4}}), t(1, 0)); // second row masked
        assertEquals(3 + 3, s.result(), 1e-12);
        s.resetState();
        assertEquals(0.0, s.result());
    }
}
