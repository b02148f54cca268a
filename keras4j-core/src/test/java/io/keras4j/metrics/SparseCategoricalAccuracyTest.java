package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SparseCategoricalAccuracyTest {
    private static final Tensor Y_PRED = Tensor.of(new float[][] {{0.1f, 0.6f, 0.3f}, {0.05f, 0.95f, 0}});

    @Test void matchesKerasDocumentedValues() {
        SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
        Tensor labels = Tensor.of(new float[] {2, 1}, 2, 1);
        m.updateState(labels, Y_PRED);
        assertEquals(0.5, m.result(), 1e-7);
        m.resetState();
        m.updateState(labels, Y_PRED, Tensor.of(new float[] {0.7f, 0.3f}, 2));
        assertEquals(0.3, m.result(), 1e-7);
        assertEquals("sparse_categorical_accuracy", m.name());
    }

    @Test void acceptsIntOrFloatLabelsOfShapeBatchOrBatchBy1() {
        Tensor[] labelForms = {
            Tensor.ofInts(new int[] {2, 1}, 2), Tensor.ofInts(new int[] {2, 1}, 2, 1),
            Tensor.of(new float[] {2, 1}, 2), Tensor.ofLongs(new long[] {2, 1}, 2, 1),
        };
        for (Tensor labels : labelForms) {
            SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
            m.updateState(labels, Y_PRED);
            assertEquals(0.5, m.result(), 1e-7, labels.toString());
        }
    }

    @Test void accumulatesOverBatches() {
        SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
        m.updateState(Tensor.ofInts(new int[] {2, 1}, 2), Y_PRED);
        m.updateState(Tensor.ofInts(new int[] {0}, 1), Tensor.of(new float[][] {{3, 1, 2}}));
        assertEquals(2.0 / 3, m.result(), 1e-7);
    }
}
