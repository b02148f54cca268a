package io.keras4j.layers.activations;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ThresholdedReLUTest {
    @Test void keepsOnlyValuesAboveTheta() {
        // Keras 2: x * (x > theta); theta defaults to 1, and x == theta gives 0.
        assertArrayEquals(new float[] {0, 0, 0, 1.5f}, new ThresholdedReLU().apply(Tensor.of(new float[] {-2, 0.5f, 1, 1.5f}, 4)).toFloatArray(), 0f); // -2 * 0 is -0.0, as in Keras
        assertArrayEquals(new float[] {0, 0.95f}, new ThresholdedReLU().theta(0.9).apply(Tensor.of(new float[] {0.9f, 0.95f}, 2)).toFloatArray());
    }

    @Test void configAndErrors() {
        assertEquals(0.9, Layers.fromConfig("ThresholdedReLU", Map.of("theta", 0.9), 2).getConfig().get("theta"));
        assertThrows(IllegalArgumentException.class, () -> new ThresholdedReLU().theta(-1));
    }
}
