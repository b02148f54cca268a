package io.keras4j.layers.activations;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.autodiff.GradientTape;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PReLUTest {
    @Test void alphaHasTheInputShapeAndStartsAtZero() {
        PReLU p = new PReLU();
        Tensor y = p.apply(Tensor.of(new float[] {-1, 2, -3, 4, -5, 6}, 2, 3));
        assertEquals(Shape.of(3), p.weights().get(0).shape());
        assertTrue(p.weights().get(0).name().endsWith("/alpha"));
        assertArrayEquals(new float[] {0, 2, 0, 4, 0, 6}, y.toFloatArray()); // zeros: a plain ReLU
    }

    @Test void learnedSlopePerUnit() {
        PReLU p = new PReLU();
        p.ensureBuilt(Shape.of(-1, 3));
        p.setWeights(List.of(Tensor.of(new float[] {0.1f, 0.2f, 0.3f}, 3)));
        Tensor y = p.apply(Tensor.of(new float[] {-1, -2, 3}, 1, 3));
        assertArrayEquals(new float[] {-0.1f, -0.4f, 3}, y.toFloatArray(), 1e-6f);
    }

    @Test void sharedAxesShareOneAlpha() {
        PReLU p = new PReLU().sharedAxes(1, 2);
        p.apply(Tensor.zeros(2, 4, 5, 3));
        assertEquals(Shape.of(1, 1, 3), p.weights().get(0).shape());
        assertThrows(IllegalArgumentException.class, () -> p.apply(Tensor.zeros(2, 4, 5, 2)));
        assertEquals(List.of(1, 2), p.getConfig().get("shared_axes"));
    }

    @Test void gradientsForInputAndAlpha() {
        PReLU p = new PReLU().alphaInitializer("ones").dtype(DType.FLOAT64);
        p.ensureBuilt(Shape.of(-1, 4));
        p.setWeights(List.of(Tensor.of(new double[] {0.25, -0.5, 1.5, 0.1}, 4)));
        Tensor x = Tensor.of(new double[] {-2, 1, -0.5, 3}, 1, 4);
        GradCheck.check(in -> p.apply(in.get(0)), x);
        // d sum(y) / d alpha_j = -relu(-x_j) = min(x_j, 0).
        try (var tape = new GradientTape()) {
            tape.watch(p.weights().get(0));
            Tensor g = tape.gradientOfVariables(Ops.sum(p.apply(x)), p.weights()).get(0);
            assertArrayEquals(new double[] {-2, 0, -0.5, 0}, g.toDoubleArray(), 1e-12);
        }
    }

    @Test void config() {
        Map<String, Object> c = new PReLU().getConfig();
        assertEquals("Zeros", ((Map<?, ?>) c.get("alpha_initializer")).get("class_name"));
        assertNull(c.get("shared_axes"));
        assertTrue(c.containsKey("alpha_regularizer") && c.containsKey("alpha_constraint"));
        assertEquals(List.of(1), Layers.fromConfig("PReLU", Map.of("shared_axes", 1)).getConfig().get("shared_axes"));
    }
}
