package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RootMeanSquaredErrorTest {
    private static final Tensor Y_TRUE = Tensor.of(new float[][] {{0, 1}, {0, 0}});
    private static final Tensor Y_PRED = Tensor.of(new float[][] {{1, 1}, {0, 0}});

    @Test void matchesKerasDocumentedValues() {
        RootMeanSquaredError m = new RootMeanSquaredError();
        m.updateState(Y_TRUE, Y_PRED);
        assertEquals(0.5, m.result(), 1e-7);
        m.resetState();
        m.updateState(Y_TRUE, Y_PRED, Tensor.of(new float[] {1, 0}, 2));
        assertEquals(Math.sqrt(0.5), m.result(), 1e-7);
        assertEquals("root_mean_squared_error", m.name());
    }

    @Test void everySquaredErrorOfRank1InputsIsASample() {
        RootMeanSquaredError m = new RootMeanSquaredError();
        m.updateState(Tensor.of(new float[] {0, 0}, 2), Tensor.of(new float[] {1, 3}, 2)); // squared errors 1 and 9
        m.updateState(Tensor.of(new float[] {0}, 1, 1), Tensor.of(new float[] {2}, 1, 1));
        assertEquals(Math.sqrt((1 + 9 + 4) / 3.0), m.result(), 1e-7);
    }
}
