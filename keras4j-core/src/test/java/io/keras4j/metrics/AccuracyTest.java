package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AccuracyTest {
    @Test void exactEqualityAsKerasDocuments() {
        Accuracy m = new Accuracy();
        Tensor yTrue = Tensor.of(new float[] {1, 2, 3, 4}, 4, 1);
        Tensor yPred = Tensor.of(new float[] {0, 2, 3, 4}, 4, 1);
        m.updateState(yTrue, yPred);
        assertEquals(0.75, m.result(), 1e-12);
        m.resetState();
        m.updateState(yTrue, yPred, Tensor.of(new float[] {1, 1, 0, 0}, 4));
        assertEquals(0.5, m.result(), 1e-12);
        assertEquals("accuracy", m.name());
    }
}
