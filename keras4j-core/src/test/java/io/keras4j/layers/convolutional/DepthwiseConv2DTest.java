package io.keras4j.layers.convolutional;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layer;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DepthwiseConv2DTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void eachChannelHasItsOwnFilters() {
        DepthwiseConv2D c = new DepthwiseConv2D(1).depthMultiplier(2);
        c.ensureBuilt(Shape.of(-1, 1, 2, 2));
        assertEquals(Shape.of(1, 1, 2, 2), c.kernel().shape());
        assertEquals(Shape.of(4), c.bias().shape());
        assertEquals("depthwise_conv2d/kernel", c.kernel().name());
        // kernel[c][m] = [[1, 2], [3, 4]]; output channel c*2 + m = x_c * kernel[c][m] + bias.
        c.setWeights(List.of(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2), Tensor.of(new float[] {0, 0, 0, 1}, 4)));
        Tensor y = c.apply(Tensor.of(new float[] {2, 5, -1, 1}, 1, 1, 2, 2));
        assertArrayEquals(new float[] {2, 4, 15, 21, -1, -2, 3, 5}, y.toFloatArray());
        Map<String, Object> cfg = c.getConfig();
        assertEquals(2, cfg.get("depth_multiplier"));
        assertEquals("GlorotUniform", ((Map<?, ?>) cfg.get("depthwise_initializer")).get("class_name"));
        assertEquals(Shape.of(-1, 3, 3, 8), new DepthwiseConv2D(3).depthMultiplier(2).padding("same").computeOutputShape(Shape.of(-1, 3, 3, 4)));
        assertThrows(IllegalArgumentException.class, () -> new DepthwiseConv2D(3).depthMultiplier(0));
    }

    @Test void gradientMatchesFiniteDifferences() {
        DepthwiseConv2D c = new DepthwiseConv2D(2, 3).depthMultiplier(2).strides(2, 1).padding("same").dtype(DType.FLOAT64);
        c.ensureBuilt(Shape.of(-1, 4, 3, 3));
        c.setWeights(List.of(GradCheck.uniform(1, -1, 1, 2, 3, 3, 2), GradCheck.uniform(2, -1, 1, 6)));
        GradCheck.check(in -> c.apply(in.get(0)), GradCheck.uniform(3, -1, 1, 2, 4, 3, 3));
    }
}
