package io.keras4j.layers.regularization;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class GaussianDropoutTest {
    @Test void inferenceIsTheIdentity() {
        Tensor x = Tensor.ones(3, 4);
        assertSame(x, new GaussianDropout(0.5).apply(x, false));
    }

    @Test void trainingMultipliesByNoiseOfMeanOneAndStddevSqrtRateOverKeep() {
        int n = 100_000;
        float[] v = new GaussianDropout(0.2).seed(4).apply(Tensor.ones(100, 1000), true).toFloatArray();
        double mean = 0, sq = 0;
        for (float f : v) { mean += f; sq += f * f; }
        mean /= n;
        assertEquals(1, mean, 0.01);
        assertEquals(Math.sqrt(0.2 / 0.8), Math.sqrt(sq / n - mean * mean), 0.01);
    }

    @Test void configAndErrors() {
        Map<String, Object> c = Layers.fromConfig("GaussianDropout", Map.of("rate", 0.5, "seed", 3)).getConfig();
        assertEquals(0.5, c.get("rate"));
        assertEquals(3L, c.get("seed"));
        assertEquals(0.4, Layers.fromConfig("GaussianDropout", Map.of("p", 0.4), 1).getConfig().get("rate"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GaussianDropout(-0.1));
        assertEquals("Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=-0.1", e.getMessage());
    }
}
