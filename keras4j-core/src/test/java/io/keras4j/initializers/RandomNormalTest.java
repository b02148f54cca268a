package io.keras4j.initializers;

import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomNormalTest {
    @Test void defaultsAreMeanZeroStddevFiveHundredths() {
        RandomNormal init = new RandomNormal();
        assertEquals(0.0, init.mean());
        assertEquals(0.05, init.stddev());
        SampleStatistics s = SampleStatistics.of(new RandomNormal(0, 0.05, 1L).generate(Shape.of(200, 500), DType.FLOAT64));
        s.assertMoments(0, 0.05);
        // Not truncated: a sample this size reaches beyond 4 standard deviations.
        assertTrue(Math.max(-s.min(), s.max()) > 4 * 0.05, s.toString());
    }

    @Test void meanAndStddevAreUsed() {
        Tensor w = new RandomNormal(3, 2, 5L).generate(Shape.of(100000), DType.FLOAT32);
        assertEquals(DType.FLOAT32, w.dtype());
        SampleStatistics.of(w).assertMoments(3, 2);
    }

    @Test void seededRepeatsAcrossCallsAndInstances() {
        RandomNormal a = new RandomNormal(0, 1, 123L);
        float[] v = a.generate(Shape.of(4, 5)).toFloatArray();
        assertArrayEquals(v, a.generate(Shape.of(4, 5)).toFloatArray());
        assertArrayEquals(v, new RandomNormal(0, 1, 123L).generate(Shape.of(4, 5)).toFloatArray());
        assertFalse(java.util.Arrays.equals(v, new RandomNormal(0, 1, 124L).generate(Shape.of(4, 5)).toFloatArray()));
    }

    /** Keras 3 draws an unseeded initializer's seed once, when it is made, from the global generator. */
    @Test void unseededDrawsItsSeedFromTheGlobalGenerator() {
        Random.setSeed(2024);
        RandomNormal a = new RandomNormal(), b = new RandomNormal();
        float[] va = a.generate(Shape.of(6)).toFloatArray();
        assertArrayEquals(va, a.generate(Shape.of(6)).toFloatArray());
        assertFalse(java.util.Arrays.equals(va, b.generate(Shape.of(6)).toFloatArray()));
        Random.setSeed(2024);
        assertArrayEquals(va, new RandomNormal().generate(Shape.of(6)).toFloatArray());
        assertNull(a.seed());
    }

    @Test void config() {
        Map<String, Object> c = new RandomNormal(1.5, 0.25, 9L).getConfig();
        assertEquals(List.of("seed", "mean", "stddev"), List.copyOf(c.keySet()));
        assertEquals(Map.of("seed", 9L, "mean", 1.5, "stddev", 0.25), c);
        assertNull(new RandomNormal().getConfig().get("seed"));
        assertEquals("RandomNormal", new RandomNormal().className());
    }
}
