package io.keras4j.initializers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RandomUniformTest {
    /** Uniform on [a, b]: mean (a + b) / 2, standard deviation (b - a) / sqrt(12). */
    @Test void boundsAndMoments() {
        Tensor w = new RandomUniform(-1, 3, 4L).generate(Shape.of(400, 500), DType.FLOAT64);
        SampleStatistics s = SampleStatistics.of(w);
        s.assertTightBounds(-1, 3);
        s.assertMoments(1, 4 / Math.sqrt(12));
    }

    @Test void defaultsArePlusMinusFiveHundredths() {
        RandomUniform u = new RandomUniform();
        assertEquals(-0.05, u.minval());
        assertEquals(0.05, u.maxval());
        SampleStatistics.of(new RandomUniform(-0.05, 0.05, 2L).generate(Shape.of(20000), DType.FLOAT32)).assertTightBounds(-0.05, 0.05);
    }

    @Test void seededRepeats() {
        RandomUniform a = new RandomUniform(0, 1, 31L);
        assertArrayEquals(a.generate(Shape.of(10)).toFloatArray(), new RandomUniform(0, 1, 31L).generate(Shape.of(10)).toFloatArray());
    }

    @Test void config() {
        Map<String, Object> c = new RandomUniform(-2, 2, 5L).getConfig();
        assertEquals(List.of("seed", "minval", "maxval"), List.copyOf(c.keySet()));
        assertEquals(Map.of("seed", 5L, "minval", -2.0, "maxval", 2.0), c);
    }
}
