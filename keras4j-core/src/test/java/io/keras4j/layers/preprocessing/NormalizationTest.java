package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The worked examples of Keras's Normalization docstring. */
class NormalizationTest {
    private static final Tensor ADAPT = Tensor.of(new float[][] {{0, 7, 4}, {2, 9, 6}, {0, 7, 4}, {2, 9, 6}});

    @Test void globalMeanAndVarianceWithAxisNone() {
        Normalization n = new Normalization(new int[0]).adapt(Tensor.of(new float[] {1, 2, 3, 4, 5}, 5));
        assertEquals(3.0, n.mean().item());
        assertEquals(2.0, n.variance().item());
        Tensor out = n.apply(Tensor.of(new float[] {1, 2, 3}, 3));
        assertArrayEquals(new float[] {-1.4142135f, -0.70710677f, 0f}, out.toFloatArray(), 1e-6f);
    }

    @Test void perFeatureStatistics() {
        Normalization n = new Normalization(-1).adapt(ADAPT);
        assertArrayEquals(new float[] {1, 8, 5}, n.mean().toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1}, n.variance().toFloatArray());
        assertArrayEquals(new float[] {-1, -1, -1}, n.apply(Tensor.of(new float[][] {{0, 7, 4}})).toFloatArray());
    }

    @Test void givenMeanAndVariance() {
        Normalization n = new Normalization().meanAndVariance(3, 2);
        Tensor out = n.apply(Tensor.of(new float[][] {{1}, {2}, {3}}));
        assertArrayEquals(new float[] {-1.4142135f, -0.70710677f, 0f}, out.toFloatArray(), 1e-6f);
    }

    @Test void invert() {
        Normalization n = new Normalization(-1).invert(true).adapt(ADAPT);
        assertArrayEquals(new float[] {2, 10, 8}, n.apply(Tensor.of(new float[][] {{1, 2, 3}})).toFloatArray());
    }

    @Test void batchedAdaptEqualsTheWholeData() {
        // mean 2.5, population variance 1.25 of 1..4, learned from two batches.
        Normalization n = new Normalization(new int[0]).adapt(List.of(Tensor.of(new float[] {1, 2, 3}, 3), Tensor.of(new float[] {4}, 1)));
        assertEquals(2.5, n.mean().item(), 1e-6);
        assertEquals(1.25, n.variance().item(), 1e-6);
    }

    @Test void adaptedStateIsInNonTrainableWeights() {
        Normalization n = new Normalization(-1).adapt(ADAPT);
        assertEquals(3, n.nonTrainableWeights().size());
        assertEquals(0, n.trainableWeights().size());
        assertEquals(Shape.of(3), n.weights().get(0).shape());
    }

    @Test void rejectsMeanWithoutVariance() {
        Map<String, Object> c = new java.util.HashMap<>();
        c.put("mean", 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("Normalization", c));
        assertTrue(e.getMessage().contains("both `mean` and `variance` must be set"), e.getMessage());
    }

    @Test void configRoundTrip() {
        Map<String, Object> c = new Normalization().meanAndVariance(new double[] {1, 2}, new double[] {4, 16}, 2).getConfig();
        assertEquals(List.of(-1), c.get("axis"));
        assertEquals(List.of(1.0, 2.0), c.get("mean"));
        Normalization back = (Normalization) Layers.fromConfig("Normalization", c);
        assertArrayEquals(new float[] {1f, 0.5f}, back.apply(Tensor.of(new float[][] {{3, 4}})).toFloatArray());
    }
}
