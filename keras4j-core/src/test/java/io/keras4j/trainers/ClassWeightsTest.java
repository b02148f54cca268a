package io.keras4j.trainers;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Keras's class_weight_to_sample_weights (keras/src/trainers/data_adapters/data_adapter_utils.py). */
class ClassWeightsTest {
    private static final Map<Integer, Double> WEIGHTS = Map.of(0, 0.5, 1, 10.0, 2, 3.0);

    @Test void integerLabelsLookUpTheirClass() {
        Tensor y = Tensor.ofInts(new int[] {0, 1, 2, 1}, 4);
        assertArrayEquals(new float[] {0.5f, 10f, 3f, 10f}, ClassWeights.toSampleWeights(y, WEIGHTS).toFloatArray());
    }

    @Test void columnOfLabelsIsSqueezedAndRoundedHalfToEven() {
        // np.round: 0.5 -> 0, 1.5 -> 2, 0.9 -> 1
        Tensor y = Tensor.of(new float[] {0.5f, 1.5f, 0.9f}, 3, 1);
        assertArrayEquals(new float[] {0.5f, 3f, 10f}, ClassWeights.toSampleWeights(y, WEIGHTS).toFloatArray());
    }

    @Test void oneHotRowsUseTheirArgmax() {
        Tensor y = Tensor.of(new float[][] {{0, 0, 1}, {1, 0, 0}, {0.2f, 0.7f, 0.1f}});
        assertArrayEquals(new float[] {3f, 0.5f, 10f}, ClassWeights.toSampleWeights(y, WEIGHTS).toFloatArray());
    }

    @Test void classesMissingFromTheMapWeighOne() {
        Tensor y = Tensor.ofInts(new int[] {4, 0}, 2);
        assertArrayEquals(new float[] {1f, 0.5f}, ClassWeights.toSampleWeights(y, WEIGHTS).toFloatArray());
    }

    @Test void weightsForClassesNoLabelHasAreReported() {
        java.util.List<String> messages = new java.util.ArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(ClassWeights.class.getName());
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override public void publish(java.util.logging.LogRecord r) { messages.add(r.getMessage()); }
            @Override public void flush() {}
            @Override public void close() {}
        };
        log.addHandler(h);
        try {
            // The map is counted from 1 while the labels are 0 and 1: class 2 never occurs.
            ClassWeights.toSampleWeights(Tensor.ofInts(new int[] {0, 1, 1}, 3), Map.of(1, 1.0, 2, 10.0));
            assertEquals(1, messages.size(), messages.toString());
            assertTrue(messages.get(0).contains("[2]") && messages.get(0).contains("[0, 1]"), messages.get(0));
            messages.clear();
            ClassWeights.toSampleWeights(Tensor.ofInts(new int[] {0, 1, 2}, 3), WEIGHTS);
            assertEquals(List.of(), messages);
        } finally {
            log.removeHandler(h);
        }
    }

    @Test void fitOptionsRefuseNullEntries() {
        java.util.HashMap<Integer, Double> bad = new java.util.HashMap<>();
        bad.put(0, null);
        assertThrows(IllegalArgumentException.class, () -> new FitOptions().classWeight(bad));
    }
}
