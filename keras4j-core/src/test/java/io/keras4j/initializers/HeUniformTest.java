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

class HeUniformTest {
    /** A Conv2D kernel (3, 3, 64, 128): fan_in = 9 * 64 = 576, fan_out = 9 * 128 = 1152, so fan_in = 576 and the values are uniform in [-sqrt(3 * 2 / 576), +sqrt(3 * 2 / 576)]. */
    @Test void statisticsOfAConvKernel() {
        Tensor w = new HeUniform(7L).generate(Shape.of(3, 3, 64, 128), DType.FLOAT64);
        assertEquals(Shape.of(3, 3, 64, 128), w.shape());
        // limit = sqrt(3 * 2 / 576)
        double limit = Math.sqrt(3.0 * 2 / 576);
        SampleStatistics s = SampleStatistics.of(w);
        s.assertTightBounds(-limit, limit);
        s.assertMoments(0, limit / Math.sqrt(3));
    }

    @Test void isVarianceScalingWithKerasSettings() {
        HeUniform init = new HeUniform();
        assertEquals(2.0, init.scale());
        assertEquals("fan_in", init.mode());
        assertEquals("uniform", init.distribution());
        assertEquals("HeUniform", init.className());
    }

    /** Keras's config holds only seed and the axes, not the fixed scale/mode/distribution. */
    @Test void config() {
        Map<String, Object> c = new HeUniform(3L).getConfig();
        assertEquals(List.of("seed", "input_axes", "output_axes"), List.copyOf(c.keySet()));
        assertEquals(3L, c.get("seed"));
        assertEquals(null, new HeUniform().getConfig().get("seed"));
    }

    @Test void seededInstancesRepeatUnseededOnesDiffer() {
        float[] a = new HeUniform(1L).generate(Shape.of(8, 8)).toFloatArray();
        assertArrayEquals(a, new HeUniform(1L).generate(Shape.of(8, 8)).toFloatArray());
        Random.setSeed(99);
        HeUniform unseeded = new HeUniform();
        float[] u = unseeded.generate(Shape.of(8, 8)).toFloatArray();
        // Keras 3: the seed is drawn once, at construction, so the same instance repeats...
        assertArrayEquals(u, unseeded.generate(Shape.of(8, 8)).toFloatArray());
        // ...a second instance draws another seed...
        assertFalse(java.util.Arrays.equals(u, new HeUniform().generate(Shape.of(8, 8)).toFloatArray()));
        // ...and resetting the global seed repeats the whole sequence.
        Random.setSeed(99);
        assertArrayEquals(u, new HeUniform().generate(Shape.of(8, 8)).toFloatArray());
    }
}
