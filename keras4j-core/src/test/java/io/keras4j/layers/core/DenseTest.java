package io.keras4j.layers.core;

import io.keras4j.autodiff.GradientTape;
import io.keras4j.layers.Layer;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DenseTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void buildsKerasShapedWeightsWithKerasDefaults() {
        Dense d = new Dense(3);
        d.ensureBuilt(Shape.of(-1, 5));
        assertEquals(Shape.of(5, 3), d.kernel().shape());
        assertEquals(Shape.of(3), d.bias().shape());
        assertEquals("dense/kernel", d.kernel().name());
        // glorot_uniform: limit sqrt(6 / (fan_in + fan_out)); zeros bias.
        double limit = Math.sqrt(6.0 / (5 + 3));
        for (float v : d.kernel().peek().toFloatArray()) assertTrue(Math.abs(v) <= limit);
        for (float v : d.bias().peek().toFloatArray()) assertEquals(0f, v);
        Map<String, Object> c = d.getConfig();
        assertEquals(3, c.get("units"));
        assertEquals("linear", c.get("activation"));
        assertEquals(true, c.get("use_bias"));
        assertEquals("GlorotUniform", ((Map<?, ?>) c.get("kernel_initializer")).get("class_name"));
        assertEquals("Zeros", ((Map<?, ?>) c.get("bias_initializer")).get("class_name"));
    }

    @Test void computesActivationOfXwPlusB() {
        Dense d = new Dense(2, "relu");
        d.ensureBuilt(Shape.of(-1, 3));
        d.setWeights(List.of(Tensor.of(new float[] {1, -1, 2, 0, 0, 3}, 3, 2), Tensor.of(new float[] {0.5f, -10}, 2)));
        Tensor y = d.apply(Tensor.of(new float[] {1, 2, 3}, 1, 3));
        // x·W = [1+4+0, -1+0+9] = [5, 8]; + b = [5.5, -2]; relu → [5.5, 0]
        assertArrayEquals(new float[] {5.5f, 0f}, y.toFloatArray());
    }

    @Test void gradientsReachKernelAndBias() {
        Dense d = new Dense(2).dtype(DType.FLOAT64);
        d.ensureBuilt(Shape.of(-1, 3));
        Tensor x = Tensor.of(new double[] {1, 2, 3, -1, 0, 1}, 2, 3);
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = Ops.sum(d.apply(x));
            List<Tensor> g = tape.gradientOfVariables(loss, d.trainableWeights());
            // d(sum xW+b)/dW[i][j] = sum over rows of x[:, i]; d/db = batch size.
            assertArrayEquals(new double[] {0, 0, 2, 2, 4, 4}, g.get(0).toDoubleArray(), 1e-12);
            assertArrayEquals(new double[] {2, 2}, g.get(1).toDoubleArray(), 1e-12);
        }
    }

    @Test void withoutBiasHasOneWeight() {
        Dense d = new Dense(4).useBias(false);
        d.ensureBuilt(Shape.of(-1, 2));
        assertEquals(1, d.weights().size());
        assertEquals(8, d.countParams());
    }

    @Test void argumentsAreFrozenOnceBuilt() {
        Dense d = new Dense(4);
        d.ensureBuilt(Shape.of(-1, 2));
        assertThrows(IllegalStateException.class, () -> d.useBias(false));
    }

    @Test void unknownActivationListsValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dense(2, "relux"));
        assertTrue(e.getMessage().contains("relux") && e.getMessage().contains("relu"), e.getMessage());
    }

    @Test void inputNeedsRankTwo() {
        Dense d = new Dense(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.apply(Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("expected min_ndim=2, found ndim=1"), e.getMessage());
    }
}
