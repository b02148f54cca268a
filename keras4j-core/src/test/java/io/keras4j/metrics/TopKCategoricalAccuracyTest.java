package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TopKCategoricalAccuracyTest {
    private static final Tensor Y_TRUE = Tensor.of(new float[][] {{0, 0, 1}, {0, 1, 0}});
    private static final Tensor Y_PRED = Tensor.of(new float[][] {{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}});

    @Test void matchesKerasDocumentedValuesForK1() {
        TopKCategoricalAccuracy m = new TopKCategoricalAccuracy().k(1);
        m.updateState(Y_TRUE, Y_PRED);
        assertEquals(0.5, m.result(), 1e-7);
        m.resetState();
        m.updateState(Y_TRUE, Y_PRED, Tensor.of(new float[] {0.7f, 0.3f}, 2));
        assertEquals(0.3, m.result(), 1e-7);
    }

    @Test void largerKAndTheDefaultOf5() {
        TopKCategoricalAccuracy k2 = new TopKCategoricalAccuracy().k(2);
        k2.updateState(Y_TRUE, Y_PRED); // 0.8 is second in the first row
        assertEquals(1.0, k2.result(), 1e-7);
        TopKCategoricalAccuracy k5 = new TopKCategoricalAccuracy();
        assertEquals(5, k5.k());
        assertEquals("top_k_categorical_accuracy", k5.name());
        k5.updateState(Tensor.of(new float[][] {{0, 0, 0, 0, 0, 1}}), Tensor.of(new float[][] {{6, 5, 4, 3, 2, 1}}));
        assertEquals(0.0, k5.result(), 1e-7); // the label is 6th
    }

    @Test void tiesAtTheBoundaryCountAsInTopK() {
        TopKCategoricalAccuracy m = new TopKCategoricalAccuracy().k(1);
        // no prediction is strictly greater than the label's, so its rank is 1
        m.updateState(Tensor.of(new float[][] {{0, 0, 1, 0}}), Tensor.of(new float[][] {{0.5f, 0.5f, 0.5f, 0.1f}}));
        assertEquals(1.0, m.result(), 1e-7);
        TopKCategoricalAccuracy k3 = new TopKCategoricalAccuracy().k(3);
        k3.updateState(Tensor.of(new float[][] {{0, 0, 0, 1}}), Tensor.of(new float[][] {{0.5f, 0.5f, 0.5f, 0.1f}}));
        assertEquals(0.0, k3.result(), 1e-7);
    }
}
