package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CategoricalAccuracyTest {
    private static final Tensor Y_TRUE = Tensor.of(new float[][] {{0, 0, 1}, {0, 1, 0}});
    private static final Tensor Y_PRED = Tensor.of(new float[][] {{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}});

    @Test void matchesKerasDocumentedValues() {
        CategoricalAccuracy m = new CategoricalAccuracy();
        m.updateState(Y_TRUE, Y_PRED);
        assertEquals(0.5, m.result(), 1e-7);
        m.resetState();
        m.updateState(Y_TRUE, Y_PRED, Tensor.of(new float[] {0.7f, 0.3f}, 2));
        assertEquals(0.3, m.result(), 1e-7);
        assertEquals("categorical_accuracy", m.name());
    }

    @Test void tiesGoToTheFirstClassAndBatchesAccumulate() {
        CategoricalAccuracy m = new CategoricalAccuracy();
        m.updateState(Tensor.of(new float[][] {{1, 0, 0}, {0, 1, 0}}), Tensor.of(new float[][] {{0.5f, 0.5f, 0}, {0.5f, 0.5f, 0}}));
        assertEquals(0.5, m.result(), 1e-7);
        m.updateState(Y_TRUE, Y_PRED);
        assertEquals(2.0 / 4, m.result(), 1e-7);
        m.updateState(Tensor.of(new float[][] {{0, 0, 1}}), Tensor.of(new float[][] {{-3, -2, -1}})); // logits work too
        assertEquals(3.0 / 5, m.result(), 1e-7);
    }

    @Test void rejectsDifferentSampleCounts() {
        assertThrows(IllegalArgumentException.class,
                () -> new CategoricalAccuracy().updateState(Y_TRUE, Tensor.of(new float[][] {{1, 0, 0}})));
    }
}
