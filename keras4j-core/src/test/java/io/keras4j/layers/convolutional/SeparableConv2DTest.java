package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layer;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SeparableConv2DTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    private static Tensor arange(int... shape) {
        double[] d = new double[Shape.of(shape).size()];
        for (int i = 0; i < d.length; i++) d[i] = i;
        return io.keras4j.ops.Ops.cast(Tensor.of(d, shape), DType.FLOAT32);
    }

    @Test void matchesTheOutputKerasRecordedForDl4j() {
        // From DL4J's Keras-import generator (see shared/conformance/README.md): SeparableConv2D(6, 3x3,
        // depth_multiplier 2) on ones((1, 3, 4, 5)) with depthwise = arange(90), pointwise = arange(60),
        // bias zeros gives [[[[112590, 116595, 120600, 124605, 128610, 132615], [same]]]].
        SeparableConv2D c = new SeparableConv2D(6, 3).depthMultiplier(2);
        c.ensureBuilt(Shape.of(-1, 3, 4, 5));
        assertEquals(Shape.of(3, 3, 5, 2), c.depthwiseKernel().shape());
        assertEquals(Shape.of(1, 1, 10, 6), c.pointwiseKernel().shape());
        assertEquals("separable_conv2d/depthwise_kernel", c.depthwiseKernel().name());
        c.setWeights(List.of(arange(3, 3, 5, 2), arange(1, 1, 10, 6), Tensor.zeros(Shape.of(6), DType.FLOAT32)));
        Tensor y = c.apply(Tensor.full(Shape.of(1, 3, 4, 5), 1, DType.FLOAT32));
        assertEquals(Shape.of(1, 1, 2, 6), y.shape());
        float[] row = {112590, 116595, 120600, 124605, 128610, 132615};
        float[] expected = new float[12];
        System.arraycopy(row, 0, expected, 0, 6);
        System.arraycopy(row, 0, expected, 6, 6);
        assertArrayEquals(expected, y.toFloatArray());
        assertEquals(2, c.getConfig().get("depth_multiplier"));
        assertEquals(6, c.getConfig().get("filters"));
        assertEquals(Shape.of(-1, 1, 2, 6), c.computeOutputShape(Shape.of(-1, 3, 4, 5)));
    }
}
