package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeanTest {
    private static Tensor t(float... v) { return Tensor.of(v, v.length); }

    @Test void meanAndWeightedMeanAsKerasDocuments() {
        Mean m = new Mean();
        m.updateState(t(1, 3, 5, 7));
        assertEquals(4.0, m.result(), 1e-12);
        m.resetState();
        m.updateState(t(1, 3, 5, 7), t(1, 1, 0, 0));
        assertEquals(2.0, m.result(), 1e-12);
        assertEquals("mean", m.name());
    }

    @Test void accumulatesOverCallsUntilReset() {
        Mean m = new Mean();
        m.updateState(t(1, 3, 5, 7));
        m.updateState(t(2));
        assertEquals(18.0 / 5, m.result(), 1e-12);
        m.resetState();
        assertEquals(0.0, m.result()); // divide_no_nan: nothing seen gives 0
    }

    @Test void scalarWeightCountsTheBatchAsThatWeight() {
        // reduce_to_samplewise_values averages the batch to the weight's rank 0 first: total += 4 * 2, count += 2
        Mean m = new Mean();
        m.updateState(t(1, 3, 5, 7), Tensor.scalar(2f));
        assertEquals(4.0, m.result(), 1e-12);
        m.updateState(t(0, 0)); // total 8, count 2 + 2
        assertEquals(2.0, m.result(), 1e-12);
    }

    @Test void perSampleWeightsOnRank2Values() {
        Mean m = new Mean();
        // sample means 1.5 and 3.5, weighted 1 and 3: (1.5 + 10.5) / 4
        m.updateState(Tensor.of(new float[][] {{1, 2}, {3, 4}}), t(1, 3));
        assertEquals(3.0, m.result(), 1e-12);
    }

    @Test void elementWeightsGiveSumOfWeightedValuesOverSumOfWeights() {
        Mean m = new Mean();
        m.updateState(Tensor.of(new float[][] {{1, 2}, {3, 4}}), Tensor.of(new float[][] {{1, 0}, {1, 1}}));
        assertEquals((1 + 3 + 4) / 3.0, m.result(), 1e-12);
    }

    @Test void columnWeightsAgainstRank1Values() {
        Mean m = new Mean();
        m.updateState(t(1, 3), Tensor.of(new float[] {1, 3}, 2, 1)); // (1*1 + 3*3) / (1 + 3)
        assertEquals(2.5, m.result(), 1e-12);
    }

    @Test void rejectsWeightsThatDoNotBroadcastAndLabelsAndPredictions() {
        Mean m = new Mean();
        var e = assertThrows(IllegalArgumentException.class, () -> m.updateState(t(1, 2, 3), t(1, 2)));
        assertTrue(e.getMessage().contains("sample_weight"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> m.updateState(t(1), t(1), null));
    }
}
