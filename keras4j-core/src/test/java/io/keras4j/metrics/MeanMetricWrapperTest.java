package io.keras4j.metrics;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MeanMetricWrapperTest {
    private static MeanMetricWrapper maxError() {
        return new MeanMetricWrapper("max_error") {
            @Override protected Tensor values(Tensor yTrue, Tensor yPred) {
                return Ops.max(Ops.abs(Ops.subtract(yTrue, yPred)), -1, false);
            }
        };
    }

    @Test void averagesACustomPerSampleFunction() {
        Metric m = maxError();
        Tensor yTrue = Tensor.of(new float[][] {{0, 1}, {2, 2}});
        m.updateState(yTrue, Tensor.of(new float[][] {{1, 4}, {2, 1}})); // per sample 3 and 1
        m.updateState(yTrue, Tensor.of(new float[][] {{0, 1}, {2, 2}}), Tensor.of(new float[] {1, 1}, 2));
        assertEquals(4.0 / 4, m.result(), 1e-7);
        assertEquals("max_error", m.name());
        assertEquals("MeanMetricWrapper", m.className());
    }
}
