package io.keras4j.layers.convolutional;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class Conv1DTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    private static Conv1D ones(Conv1D c) {
        c.ensureBuilt(Shape.of(-1, 4, 1));
        c.setWeights(List.of(Tensor.full(Shape.of(2, 1, 1), 1, DType.FLOAT32), Tensor.of(new float[] {0}, 1)));
        return c;
    }

    @Test void causalPaddingSeesOnlyThePast() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 4, 1);
        // kernel [1, 1]: y[t] = x[t-1] + x[t] with x[-1] = 0.
        assertArrayEquals(new float[] {1, 3, 5, 7}, ones(new Conv1D(1, 2).padding("causal")).apply(x).toFloatArray());
        // dilation 2: y[t] = x[t-2] + x[t].
        assertArrayEquals(new float[] {1, 2, 4, 6}, ones(new Conv1D(1, 2).padding("causal").dilationRate(2)).apply(x).toFloatArray());
        // "same" with an even kernel pads after: y[t] = x[t] + x[t+1].
        assertArrayEquals(new float[] {3, 5, 7, 4}, ones(new Conv1D(1, 2).padding("same")).apply(x).toFloatArray());
    }

    @Test void shapesAndConfig() {
        Conv1D c = new Conv1D(4, 3).strides(2).padding("causal");
        assertEquals(Shape.of(-1, 5, 4), c.computeOutputShape(Shape.of(-1, 10, 6)));
        assertEquals(Shape.of(2, 5, 4), c.apply(Tensor.zeros(Shape.of(2, 10, 6), DType.FLOAT32)).shape());
        assertEquals(Shape.of(3, 6, 4), c.kernel().shape());
        assertEquals(List.of(3), c.getConfig().get("kernel_size"));
        assertEquals("causal", c.getConfig().get("padding"));
        Conv1D first = new Conv1D(4, 3).dataFormat("channels_first");
        assertEquals(Shape.of(-1, 4, 8), first.computeOutputShape(Shape.of(-1, 6, 10)));
        assertEquals(Shape.of(1, 4, 8), first.apply(Tensor.zeros(Shape.of(1, 6, 10), DType.FLOAT32)).shape());
    }

    @Test void readsKeras2Configs() {
        Conv1D c = (Conv1D) Layers.fromConfig("Conv1D", Map.of("filters", 2, "kernel_size", 7, "strides", 1, "padding", "same",
                "dilation_rate", 2, "activation", "tanh", "use_bias", true), 2);
        assertEquals(List.of(2), c.getConfig().get("dilation_rate"));
        assertEquals(List.of(7), c.getConfig().get("kernel_size"));
    }

    @Test void causalGradientMatchesFiniteDifferences() {
        Conv1D c = new Conv1D(2, 3).padding("causal").dilationRate(2).dtype(DType.FLOAT64);
        c.ensureBuilt(Shape.of(-1, 7, 2));
        c.setWeights(List.of(GradCheck.uniform(1, -1, 1, 3, 2, 2), GradCheck.uniform(2, -1, 1, 2)));
        GradCheck.check(in -> c.apply(in.get(0)), GradCheck.uniform(3, -1, 1, 2, 7, 2));
    }
}
