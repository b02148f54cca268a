package io.keras4j.trainers;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

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

    @Test void fitOptionsRefuseNullEntries() {
        java.util.HashMap<Integer, Double> bad = new java.util.HashMap<>();
        bad.put(0, null);
        assertThrows(IllegalArgumentException.class, () -> new FitOptions().classWeight(bad));
    }
}
