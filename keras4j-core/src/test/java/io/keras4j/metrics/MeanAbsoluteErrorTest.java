package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MeanAbsoluteErrorTest {
    @Test void meanOfPerSampleMeanAbsoluteErrors() {
        MeanAbsoluteError m = new MeanAbsoluteError();
        Tensor yTrue = Tensor.of(new float[][] {{0, 1}, {0, 0}});
        m.updateState(yTrue, Tensor.of(new float[][] {{1, 1}, {0, 0}}));
        assertEquals(0.25, m.result(), 1e-7);
        m.resetState();
        m.updateState(yTrue, Tensor.of(new float[][] {{1, 3}, {0, -2}})); // samples (1 + 2) / 2 and (0 + 2) / 2
        assertEquals(1.25, m.result(), 1e-7);
        m.updateState(yTrue, Tensor.of(new float[][] {{1, 3}, {0, -2}}), Tensor.of(new float[] {0, 1}, 2));
        assertEquals((1.5 + 1 + 1) / 3, m.result(), 1e-7);
        assertEquals("mean_absolute_error", m.name());
    }
}
