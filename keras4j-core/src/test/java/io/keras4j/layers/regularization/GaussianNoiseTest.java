package io.keras4j.layers.regularization;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class GaussianNoiseTest {
    @Test void inferenceIsTheIdentity() {
        Tensor x = Tensor.ones(3, 4);
        assertSame(x, new GaussianNoise(0.5).apply(x, false));
    }

    @Test void trainingAddsZeroMeanNoiseOfStddev() {
        int n = 100_000;
        float[] v = new GaussianNoise(0.5).seed(3).apply(Tensor.full(io.keras4j.tensor.Shape.of(100, 1000), 2, io.keras4j.tensor.DType.FLOAT32), true).toFloatArray();
        double mean = 0, sq = 0;
        for (float f : v) { mean += f - 2; sq += (f - 2) * (f - 2); }
        mean /= n;
        assertEquals(0, mean, 0.01);
        assertEquals(0.5, Math.sqrt(sq / n - mean * mean), 0.01);
    }

    @Test void seededLayersRepeatAndCallsDiffer() {
        GaussianNoise a = new GaussianNoise(0.1).seed(9);
        Tensor a1 = a.apply(Tensor.zeros(4, 4), true), a2 = a.apply(Tensor.zeros(4, 4), true);
        assertArrayEquals(a1.toFloatArray(), new GaussianNoise(0.1).seed(9).apply(Tensor.zeros(4, 4), true).toFloatArray());
        assertFalse(java.util.Arrays.equals(a1.toFloatArray(), a2.toFloatArray()));
    }

    @Test void configAndErrors() {
        Map<String, Object> c = Layers.fromConfig("GaussianNoise", Map.of("stddev", 0.5)).getConfig();
        assertEquals(0.5, c.get("stddev"));
        assertNull(c.get("seed"));
        assertEquals(0.3, Layers.fromConfig("GaussianNoise", Map.of("sigma", 0.3), 1).getConfig().get("stddev"));
        // Keras 3 writes "seed": None; a None must be read, not refused as an unknown key.
        Map<String, Object> withNullSeed = new java.util.HashMap<>(Map.of("stddev", 0.2));
        withNullSeed.put("seed", null);
        assertNull(Layers.fromConfig("GaussianNoise", withNullSeed).getConfig().get("seed"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(2));
        assertEquals("Invalid value received for argument `stddev`. Expected a float value between 0 and 1. Received: stddev=2.0", e.getMessage());
    }
}
