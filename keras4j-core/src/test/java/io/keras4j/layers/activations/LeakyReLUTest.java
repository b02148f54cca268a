package io.keras4j.layers.activations;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LeakyReLUTest {
    @Test void docstringExample() {
        // Keras's docstring: LeakyReLU(negative_slope=0.5) on [-10, -5, 0, 5, 10].
        Tensor y = new LeakyReLU().negativeSlope(0.5).apply(Tensor.of(new float[] {-10, -5, 0, 5, 10}, 5));
        assertArrayEquals(new float[] {-5, -2.5f, 0, 5, 10}, y.toFloatArray());
    }

    @Test void defaultSlopeIsPointThree() {
        assertEquals(0.3, new LeakyReLU().negativeSlope());
        assertArrayEquals(new float[] {-0.6f, 1}, new LeakyReLU().apply(Tensor.of(new float[] {-2, 1}, 2)).toFloatArray(), 1e-6f);
        assertEquals(0.3, new LeakyReLU().getConfig().get("negative_slope"));
    }

    @Test void gradient() {
        GradCheck.check(in -> new LeakyReLU().<LeakyReLU>dtype(DType.FLOAT64).apply(in.get(0)), Tensor.of(new double[] {-2, -0.5, 0.5, 3}, 1, 4));
    }

    @Test void readsKeras2AlphaAndRefusesNegativeSlopes() {
        assertEquals(0.4, Layers.fromConfig("LeakyReLU", Map.of("alpha", 0.4), 2).getConfig().get("negative_slope"));
        assertEquals(0.3, Layers.fromConfig("LeakyReLU", Map.of(), 2).getConfig().get("negative_slope"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeakyReLU().negativeSlope(-1));
        assertEquals("The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float. Received: negative_slope=-1.0", e.getMessage());
    }
}
