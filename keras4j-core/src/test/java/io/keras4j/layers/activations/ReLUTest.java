package io.keras4j.layers.activations;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ReLUTest {
    @Test void docstringExample() {
        // Keras's docstring: ReLU(max_value=10, negative_slope=0.5, threshold=0) on [-3, -1, 0, 2].
        Tensor y = new ReLU().maxValue(10.0).negativeSlope(0.5).threshold(0).apply(Tensor.of(new float[] {-3, -1, 0, 2}, 4));
        assertArrayEquals(new float[] {-1.5f, -0.5f, 0, 2}, y.toFloatArray());
    }

    @Test void thresholdSlopeAndSaturation() {
        // x >= max_value: max_value; threshold <= x: x; below: slope * (x - threshold).
        Tensor y = new ReLU().maxValue(3.0).negativeSlope(0.1).threshold(1).apply(Tensor.of(new float[] {-2, 0.5f, 1.5f, 5}, 4));
        assertArrayEquals(new float[] {0.1f * (-2 - 1), 0.1f * (0.5f - 1), 1.5f, 3}, y.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0, 0, 2}, new ReLU().apply(Tensor.of(new float[] {-1, 0, 2}, 3)).toFloatArray());
    }

    @Test void gradientAwayFromTheKinks() {
        GradCheck.check(in -> new ReLU().maxValue(3.0).negativeSlope(0.2).threshold(0.5).<ReLU>dtype(DType.FLOAT64).apply(in.get(0)),
                Tensor.of(new double[] {-2, 0.1, 1.0, 2.5, 4}, 1, 5));
    }

    @Test void configAndErrors() {
        Map<String, Object> c = new ReLU().getConfig();
        assertNull(c.get("max_value"));
        assertEquals(0.0, c.get("negative_slope"));
        assertEquals(0.0, c.get("threshold"));
        assertEquals(6.0, Layers.fromConfig("ReLU", Map.of("max_value", 6)).getConfig().get("max_value"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReLU().maxValue(-1.0));
        assertEquals("max_value of a ReLU layer cannot be a negative value. Received: max_value=-1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReLU().negativeSlope(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new ReLU().threshold(-0.1));
    }
}
