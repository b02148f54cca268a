package io.keras4j.layers.activations;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ELUTest {
    @Test void alphaTimesExpMinusOneBelowZero() {
        Tensor y = new ELU().alpha(1.1).apply(Tensor.of(new float[] {-1, 0, 2}, 3));
        assertArrayEquals(new float[] {(float) (1.1 * (Math.exp(-1) - 1)), 0, 2}, y.toFloatArray(), 1e-6f);
        assertEquals((float) (Math.exp(-3) - 1), new ELU().apply(Tensor.of(new float[] {-3}, 1)).toFloatArray()[0], 1e-6f);
    }

    @Test void gradientAndConfig() {
        GradCheck.check(in -> new ELU().alpha(0.5).<ELU>dtype(DType.FLOAT64).apply(in.get(0)), Tensor.of(new double[] {-2, -0.3, 0.4, 3}, 1, 4));
        assertEquals(1.1, Layers.fromConfig("ELU", Map.of("alpha", 1.1), 2).getConfig().get("alpha"));
        assertEquals(1.0, new ELU().getConfig().get("alpha"));
    }
}
