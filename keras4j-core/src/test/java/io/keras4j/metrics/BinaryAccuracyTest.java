package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BinaryAccuracyTest {
    private static final Tensor Y_TRUE = Tensor.of(new float[] {1, 1, 0, 0}, 4, 1);
    private static final Tensor Y_PRED = Tensor.of(new float[] {0.98f, 1, 0, 0.6f}, 4, 1);

    @Test void matchesKerasDocumentedValues() {
        BinaryAccuracy m = new BinaryAccuracy();
        m.updateState(Y_TRUE, Y_PRED);
        assertEquals(0.75, m.result(), 1e-7); // 0.6 > 0.5 is read as 1 against label 0
        m.resetState();
        m.updateState(Y_TRUE, Y_PRED, Tensor.of(new float[] {1, 0, 0, 1}, 4));
        assertEquals(0.5, m.result(), 1e-7);
    }

    @Test void thresholdIsStrictAndConfigurable() {
        BinaryAccuracy m = new BinaryAccuracy().threshold(0.7);
        m.updateState(Y_TRUE, Y_PRED); // 0.6 is now 0
        assertEquals(1.0, m.result(), 1e-7);
        BinaryAccuracy half = new BinaryAccuracy();
        half.updateState(Tensor.of(new float[] {0, 1}, 2), Tensor.of(new float[] {0.5f, 0.5f}, 2)); // 0.5 is not > 0.5
        assertEquals(0.5, half.result(), 1e-7);
    }

    @Test void accumulatesOverBatchesWithIntLabelsOfLowerRank() {
        BinaryAccuracy m = new BinaryAccuracy();
        m.updateState(Tensor.ofInts(new int[] {1, 0}, 2), Tensor.of(new float[] {0.9f, 0.8f}, 2, 1)); // 1 of 2
        m.updateState(Tensor.ofInts(new int[] {1, 0, 0}, 3), Tensor.of(new float[] {0.7f, 0.1f, 0.2f}, 3, 1)); // 3 of 3
        assertEquals(4.0 / 5, m.result(), 1e-7);
    }

    @Test void configHasThreshold() {
        Map<String, Object> config = new BinaryAccuracy().threshold(0.3).getConfig();
        assertEquals(Map.of("name", "binary_accuracy", "dtype", "float32", "threshold", 0.3), config);
        assertEquals("BinaryAccuracy", new BinaryAccuracy().className());
    }
}
