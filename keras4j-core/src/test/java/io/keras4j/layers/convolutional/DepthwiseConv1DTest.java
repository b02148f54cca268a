package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DepthwiseConv1DTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void convolvesEachChannelSeparately() {
        // Two channels over three steps; channel 0 kernel [1, 1] (a running pair sum), channel 1 [1, -1] (a difference).
        DepthwiseConv1D c = new DepthwiseConv1D(2).useBias(false);
        c.ensureBuilt(Shape.of(-1, 3, 2));
        assertEquals(Shape.of(2, 2, 1), c.kernel().shape());
        c.setWeights(List.of(Tensor.of(new float[] {1, 1, 1, -1}, 2, 2, 1)));
        Tensor y = c.apply(Tensor.of(new float[] {1, 10, 2, 20, 3, 40}, 1, 3, 2));
        assertArrayEquals(new float[] {3, -10, 5, -20}, y.toFloatArray());
        DepthwiseConv1D read = (DepthwiseConv1D) Layers.fromConfig("DepthwiseConv1D", Map.of("kernel_size", 3, "depth_multiplier", 2, "padding", "same"));
        assertEquals(Shape.of(-1, 5, 8), read.computeOutputShape(Shape.of(-1, 5, 4)));
    }
}
