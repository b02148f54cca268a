package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SparseTopKCategoricalAccuracyTest {
    private static final Tensor Y_PRED = Tensor.of(new float[][] {{0.1f, 0.9f, 0.8f}, {0.05f, 0.95f, 0}});

    @Test void matchesKerasDocumentedValues() {
        SparseTopKCategoricalAccuracy m = new SparseTopKCategoricalAccuracy().k(1);
        m.updateState(Tensor.ofInts(new int[] {2, 1}, 2), Y_PRED);
        assertEquals(0.5, m.result(), 1e-7);
        m.resetState();
        m.updateState(Tensor.ofInts(new int[] {2, 1}, 2), Y_PRED, Tensor.of(new float[] {0.7f, 0.3f}, 2));
        assertEquals(0.3, m.result(), 1e-7);
    }

    @Test void fromSortedIdsLooksAtTheFirstKIds() {
        SparseTopKCategoricalAccuracy m = new SparseTopKCategoricalAccuracy().k(1).fromSortedIds(true);
        m.updateState(Tensor.ofInts(new int[] {2, 1}, 2), Tensor.ofInts(new int[] {1, 0, 3, 1, 2, 3}, 2, 3));
        assertEquals(0.5, m.result(), 1e-7);
        assertEquals(true, m.getConfig().get("from_sorted_ids"));
    }

    @Test void labelsOfShapeBatchBy1AccumulateAndOutOfRangeLabelsMiss() {
        SparseTopKCategoricalAccuracy m = new SparseTopKCategoricalAccuracy().k(2);
        m.updateState(Tensor.of(new float[] {2, 1}, 2, 1), Y_PRED); // both in the top 2
        m.updateState(Tensor.ofInts(new int[] {7}, 1), Tensor.of(new float[][] {{1, 2, 3}}));
        assertEquals(2.0 / 3, m.result(), 1e-7);
        assertEquals(Map.of("name", "sparse_top_k_categorical_accuracy", "dtype", "float32", "k", 2), m.getConfig());
    }
}
