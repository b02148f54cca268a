package io.keras4j.initializers;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TruncatedNormalTest {
    /**
     * Values within two stddevs of the mean; a unit normal truncated to [-2, 2] has standard
     * deviation 0.8796 (sqrt(1 - 4 phi(2) / (Phi(2) - Phi(-2))) = sqrt(1 - 4 * 0.0539910 / 0.9544997)).
     */
    @Test void valuesStayWithinTwoStddevs() {
        Tensor w = new TruncatedNormal(1, 0.5, 3L).generate(Shape.of(200000), DType.FLOAT64);
        SampleStatistics s = SampleStatistics.of(w);
        s.assertTightBounds(0, 2);
        s.assertMoments(1, 0.5 * Math.sqrt(1 - 4 * 0.05399096651318806 / 0.9544997361036416));
    }

    @Test void defaults() {
        TruncatedNormal t = new TruncatedNormal();
        assertEquals(0.0, t.mean());
        assertEquals(0.05, t.stddev());
        SampleStatistics.of(new TruncatedNormal(0, 0.05, 8L).generate(Shape.of(50000), DType.FLOAT64)).assertTightBounds(-0.1, 0.1);
    }

    @Test void seededRepeats() {
        TruncatedNormal a = new TruncatedNormal(0, 1, 77L);
        assertArrayEquals(a.generate(Shape.of(3, 7)).toFloatArray(), a.generate(Shape.of(3, 7)).toFloatArray());
        assertArrayEquals(a.generate(Shape.of(3, 7)).toFloatArray(), new TruncatedNormal(0, 1, 77L).generate(Shape.of(3, 7)).toFloatArray());
    }

    @Test void config() {
        Map<String, Object> c = new TruncatedNormal(0.0, 2.0, null).getConfig();
        assertEquals(List.of("seed", "mean", "stddev"), List.copyOf(c.keySet()));
        assertEquals(2.0, c.get("stddev"));
        assertEquals(null, c.get("seed"));
    }
}
