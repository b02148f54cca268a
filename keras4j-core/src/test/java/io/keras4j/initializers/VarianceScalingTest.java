package io.keras4j.initializers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VarianceScalingTest {
    @Test void fansFollowKerasRule() {
        assertEquals(new VarianceScaling.Fans(1, 1), VarianceScaling.computeFans(Shape.scalar()));
        assertEquals(new VarianceScaling.Fans(7, 7), VarianceScaling.computeFans(Shape.of(7)));
        assertEquals(new VarianceScaling.Fans(5, 3), VarianceScaling.computeFans(Shape.of(5, 3)));
        // Conv2D kernel (kh, kw, in, out): receptive field 3*3 = 9, so 16*9 and 32*9.
        assertEquals(new VarianceScaling.Fans(144, 288), VarianceScaling.computeFans(Shape.of(3, 3, 16, 32)));
        // Conv1D kernel (k, in, out) and Conv3D kernel (2, 2, 2, in, out).
        assertEquals(new VarianceScaling.Fans(48, 96), VarianceScaling.computeFans(Shape.of(3, 16, 32)));
        assertEquals(new VarianceScaling.Fans(24, 40), VarianceScaling.computeFans(Shape.of(2, 2, 2, 3, 5)));
        // Explicit axes (EinsumDense-style kernels): products of the named dimensions.
        assertEquals(new VarianceScaling.Fans(8, 30), VarianceScaling.computeFans(Shape.of(8, 5, 6), new int[] {0}, new int[] {1, -1}));
        // Only one of the two given: Keras ignores it and uses the kernel rule (receptive field 8).
        assertEquals(new VarianceScaling.Fans(40, 48), VarianceScaling.computeFans(Shape.of(8, 5, 6), new int[] {0}, null));
    }

    /** scale = 2, fan_out of (3, 3, 64, 128) = 1152: uniform limit = sqrt(3 * 2 / 1152). */
    @Test void uniformLimitIsExact() {
        Tensor w = new VarianceScaling(2.0, "fan_out", "uniform", 11L).generate(Shape.of(3, 3, 64, 128), DType.FLOAT64);
        double limit = Math.sqrt(6.0 / 1152);
        SampleStatistics s = SampleStatistics.of(w);
        s.assertTightBounds(-limit, limit);
        s.assertMoments(0, limit / Math.sqrt(3));
    }

    /** fan_avg of (400, 500) = 450: variance 1/450; the truncated draw keeps that variance. */
    @Test void truncatedNormalHasTheRequestedVariance() {
        Tensor w = new VarianceScaling(1.0, "fan_avg", "truncated_normal", 5L).generate(Shape.of(400, 500), DType.FLOAT64);
        double std = Math.sqrt(1.0 / 450);
        SampleStatistics s = SampleStatistics.of(w);
        s.assertMoments(0, std);
        // Truncated at two standard deviations of the underlying normal, std / 0.8796...
        double bound = 2 * std / truncatedUnitStd();
        s.assertTightBounds(-bound, bound);
    }

    @Test void untruncatedNormalHasTheRequestedVariance() {
        Tensor w = new VarianceScaling(3.0, "fan_in", "untruncated_normal", 9L).generate(Shape.of(300, 600), DType.FLOAT64);
        SampleStatistics s = SampleStatistics.of(w);
        s.assertMoments(0, Math.sqrt(3.0 / 300));
        assertTrue(s.max() > 3.5 * Math.sqrt(0.01), "an untruncated normal of 180000 values has outliers beyond 3.5 sigma: " + s);
    }

    /**
     * The constant Keras divides by is the standard deviation of a unit normal truncated to
     * [-2, 2]: sqrt(E[x^2 | |x| <= 2]), computed here by Simpson's rule.
     */
    @Test void truncationConstantIsTheTruncatedStd() {
        assertEquals(truncatedUnitStd(), VarianceScaling.TRUNCATED_STDDEV, 1e-12);
    }

    private static double truncatedUnitStd() {
        int n = 20000;
        double h = 4.0 / n, mass = 0, second = 0;
        for (int i = 0; i <= n; i++) {
            double x = -2 + i * h, wgt = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            double pdf = Math.exp(-x * x / 2);
            mass += wgt * pdf;
            second += wgt * x * x * pdf;
        }
        return Math.sqrt(second / mass);
    }

    /** fan_in 1 gives variance scale / 1; a shape with no elements (fan 0, which Keras clamps to 1) gives an empty tensor. */
    @Test void unitFanAndEmptyShapes() {
        Tensor w = new VarianceScaling(1.0, "fan_in", "uniform", 1L).generate(Shape.of(1, 50000), DType.FLOAT64);
        SampleStatistics.of(w).assertTightBounds(-Math.sqrt(3), Math.sqrt(3));
        assertEquals(0, new VarianceScaling().generate(Shape.of(0, 4)).size());
    }

    @Test void seededCallsRepeatAndSeedsDiffer() {
        VarianceScaling a = new VarianceScaling(1.0, "fan_in", "truncated_normal", 42L);
        Tensor first = a.generate(Shape.of(20, 30), DType.FLOAT32), second = a.generate(Shape.of(20, 30), DType.FLOAT32);
        assertArrayEquals(first.toFloatArray(), second.toFloatArray());
        assertArrayEquals(first.toFloatArray(), new VarianceScaling(1.0, "fan_in", "truncated_normal", 42L).generate(Shape.of(20, 30), DType.FLOAT32).toFloatArray());
        assertFalse(Arrays.equals(first.toFloatArray(), new VarianceScaling(1.0, "fan_in", "truncated_normal", 43L).generate(Shape.of(20, 30), DType.FLOAT32).toFloatArray()));
        assertEquals(DType.FLOAT32, first.dtype());
        assertEquals(Shape.of(20, 30), first.shape());
    }

    @Test void defaultsAndConfig() {
        VarianceScaling v = new VarianceScaling();
        assertEquals(1.0, v.scale());
        assertEquals("fan_in", v.mode());
        assertEquals("truncated_normal", v.distribution());
        Map<String, Object> c = new VarianceScaling(2.0, "fan_avg", "uniform", 3L, new int[] {0}, new int[] {1}).getConfig();
        assertEquals(List.of("seed", "scale", "mode", "distribution", "input_axes", "output_axes"), List.copyOf(c.keySet()));
        assertEquals(3L, c.get("seed"));
        assertEquals(2.0, c.get("scale"));
        assertEquals("fan_avg", c.get("mode"));
        assertEquals("uniform", c.get("distribution"));
        assertEquals(List.of(0), c.get("input_axes"));
        assertEquals(List.of(1), c.get("output_axes"));
        assertEquals(null, v.getConfig().get("seed"));
        assertEquals("VarianceScaling", v.className());
    }

    /** Keras 2 called the truncated normal "normal"; Keras 3 reads it so. */
    @Test void normalMeansTruncatedNormal() {
        assertEquals("truncated_normal", new VarianceScaling(1.0, "fan_in", "normal").distribution());
        assertEquals("uniform", new VarianceScaling(1.0, "fan_in", "Uniform").distribution());
    }

    @Test void invalidArgumentsFailWithKerasWording() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VarianceScaling(0, "fan_in", "uniform"));
        assertEquals("Argument `scale` must be positive float. Received: scale=0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new VarianceScaling(1, "fan_sum", "uniform"));
        assertTrue(e.getMessage().startsWith("Invalid `mode` argument: fan_sum."), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new VarianceScaling(1, "fan_in", "cauchy"));
        assertTrue(e.getMessage().startsWith("Invalid `distribution` argument: cauchy."), e.getMessage());
    }
}
