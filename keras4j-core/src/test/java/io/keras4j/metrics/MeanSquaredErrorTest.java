package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MeanSquaredErrorTest {
    private static final Tensor Y_TRUE = Tensor.of(new float[][] {{0, 1}, {0, 0}});
    private static final Tensor Y_PRED = Tensor.of(new float[][] {{1, 1}, {0, 0}});

    @Test void matchesKerasDocumentedValues() {
        MeanSquaredError m = new MeanSquaredError();
        m.updateState(Y_TRUE, Y_PRED); // sample means 0.5 and 0
        assertEquals(0.25, m.result(), 1e-7);
        m.resetState();
        m.updateState(Y_TRUE, Y_PRED, Tensor.of(new float[] {1, 0}, 2));
        assertEquals(0.5, m.result(), 1e-7);
        assertEquals("mean_squared_error", m.name());
    }

    @Test void rank1InputsAreOneSampleAsInKeras() {
        // mean(axis=-1) of a rank-1 batch is a scalar, which Mean counts once
        MeanSquaredError m = new MeanSquaredError();
        m.updateState(Tensor.of(new float[] {0, 0, 0, 0}, 4), Tensor.of(new float[] {1, 1, 1, 1}, 4));
        m.updateState(Tensor.of(new float[][] {{0, 0}}), Tensor.of(new float[][] {{2, 2}}));
        assertEquals((1 + 4) / 2.0, m.result(), 1e-7);
    }
}
