package io.keras4j.layers.activations;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SoftmaxTest {
    @Test void docstringExample() {
        // Keras's docstring: Softmax()([1., 2., 1.]) = [0.21194157, 0.57611688, 0.21194157].
        assertArrayEquals(new float[] {0.21194157f, 0.57611688f, 0.21194157f}, new Softmax().apply(Tensor.of(new float[] {1, 2, 1}, 3)).toFloatArray(), 1e-6f);
    }

    @Test void chosenAxis() {
        Tensor y = new Softmax().axis(0).apply(Tensor.of(new float[] {0, 1, 0, 3}, 2, 2));
        double a = 1 / (1 + Math.exp(-0.0)), b = 1 / (1 + Math.exp(2.0));
        assertArrayEquals(new float[] {(float) a, (float) b, (float) (1 - a), (float) (1 - b)}, y.toFloatArray(), 1e-6f);
    }

    @Test void severalAxesNormaliseOverTheirUnion() {
        double[] v = {1, 2, 3, 4, -1, 0, 5, 2};
        Tensor y = new Softmax().axis(1, 2).<Softmax>dtype(DType.FLOAT64).apply(Tensor.of(v, 2, 2, 2));
        for (int b = 0; b < 2; b++) {
            double z = 0;
            for (int i = 0; i < 4; i++) z += Math.exp(v[b * 4 + i]);
            for (int i = 0; i < 4; i++) assertEquals(Math.exp(v[b * 4 + i]) / z, y.getDouble(b * 4 + i), 1e-12);
        }
        GradCheck.check(in -> new Softmax().axis(1, 2).<Softmax>dtype(DType.FLOAT64).apply(in.get(0)), Tensor.of(v, 2, 2, 2));
    }

    @Test void config() {
        assertEquals(-1, new Softmax().getConfig().get("axis"));
        assertEquals(List.of(1, 2), Layers.fromConfig("Softmax", Map.of("axis", List.of(1, 2))).getConfig().get("axis"));
        assertEquals(1, Layers.fromConfig("Softmax", Map.of("axis", 1)).getConfig().get("axis"));
    }

    @Test void maskedPositionsGetNoWeight() {
        // [1, 2, 3] with the last masked: softmax([1, 2]) = [1 / (1 + e), e / (1 + e)], then 0.
        double e = Math.E;
        Tensor x = Tensor.of(new double[] {1, 2, 3, 1, 2, 3}, 2, 3);
        Tensor mask = Tensor.of(new double[] {1, 1, 0, 0, 0, 0}, 2, 3);
        Softmax s = new Softmax().dtype(DType.FLOAT64);
        assertTrue(s.supportsMasking());
        double[] y = s.applyAll(List.of(x), List.of(mask), false).get(0).toDoubleArray();
        // A fully masked row is all zeros, not uniform.
        assertArrayEquals(new double[] {1 / (1 + e), e / (1 + e), 0, 0, 0, 0}, y, 1e-12);
        // The mask broadcasts from the right: one (3,) row for every row of x.
        double[] b = s.applyAll(List.of(x), List.of(Tensor.of(new double[] {0, 1, 1}, 3)), false).get(0).toDoubleArray();
        assertArrayEquals(new double[] {0, 1 / (1 + e), e / (1 + e), 0, 1 / (1 + e), e / (1 + e)}, b, 1e-12);
        assertThrows(IllegalArgumentException.class, () -> s.applyAll(List.of(x), List.of(Tensor.of(new double[] {1, 1}, 2)), false));
        GradCheck.check(in -> s.applyAll(List.of(in.get(0)), List.of(mask), false).get(0), GradCheck.uniform(2, -1, 1, 2, 3));
    }
}
