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

class Conv2DTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void buildsKerasShapedWeightsAndConfig() {
        Conv2D c = new Conv2D(8, 3);
        c.ensureBuilt(Shape.of(-1, 28, 28, 4));
        assertEquals(Shape.of(3, 3, 4, 8), c.kernel().shape());
        assertEquals(Shape.of(8), c.bias().shape());
        assertEquals("conv2d/kernel", c.kernel().name());
        Map<String, Object> cfg = c.getConfig();
        assertEquals(8, cfg.get("filters"));
        assertEquals(List.of(3, 3), cfg.get("kernel_size"));
        assertEquals(List.of(1, 1), cfg.get("strides"));
        assertEquals("valid", cfg.get("padding"));
        assertEquals("channels_last", cfg.get("data_format"));
        assertEquals(List.of(1, 1), cfg.get("dilation_rate"));
        assertEquals(1, cfg.get("groups"));
        assertEquals("linear", cfg.get("activation"));
        assertEquals(true, cfg.get("use_bias"));
        assertEquals("GlorotUniform", ((Map<?, ?>) cfg.get("kernel_initializer")).get("class_name"));
        assertEquals("Zeros", ((Map<?, ?>) cfg.get("bias_initializer")).get("class_name"));
    }

    @Test void groupsDivideTheKernelsInputChannels() {
        Conv2D c = new Conv2D(6, 3).groups(3);
        c.ensureBuilt(Shape.of(-1, 5, 5, 9));
        assertEquals(Shape.of(3, 3, 3, 6), c.kernel().shape());
    }

    @Test void computesActivationOfConvolutionPlusBias() {
        // 3x3 of 1..9 with a 2x2 kernel of ones: window sums 12, 16, 24, 28; bias -20 then relu.
        Conv2D c = new Conv2D(1, 2).activation("relu");
        c.ensureBuilt(Shape.of(-1, 3, 3, 1));
        c.setWeights(List.of(Tensor.full(Shape.of(2, 2, 1, 1), 1, DType.FLOAT32), Tensor.of(new float[] {-20}, 1)));
        Tensor y = c.apply(Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1));
        assertEquals(Shape.of(1, 2, 2, 1), y.shape());
        assertArrayEquals(new float[] {0, 0, 4, 8}, y.toFloatArray());
    }

    @Test void channelsFirstAddsTheBiasOnAxisOne() {
        Conv2D c = new Conv2D(2, 1).dataFormat("channels_first");
        c.ensureBuilt(Shape.of(-1, 1, 2, 2));
        c.setWeights(List.of(Tensor.of(new float[] {1, 10}, 1, 1, 1, 2), Tensor.of(new float[] {0.5f, -1}, 2)));
        Tensor y = c.apply(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertEquals(Shape.of(1, 2, 2, 2), y.shape());
        assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f, 4.5f, 9, 19, 29, 39}, y.toFloatArray());
    }

    @Test void outputShapeFollowsKerasFormulas() {
        // valid: floor((n - span) / s) + 1; same: ceil(n / s).
        Conv2D valid = new Conv2D(4, 3, 5).strides(2, 1);
        assertEquals(Shape.of(-1, 4, 6, 4), valid.computeOutputShape(Shape.of(-1, 10, 10, 3)));
        Conv2D same = new Conv2D(4, 3).strides(3).padding("same");
        assertEquals(Shape.of(-1, 4, 3, 4), same.computeOutputShape(Shape.of(-1, 10, 9, 3)));
        Conv2D dilated = new Conv2D(4, 3).dilationRate(2);
        assertEquals(Shape.of(2, 6, 6, 4), dilated.computeOutputShape(Shape.of(2, 10, 10, 3)));
        for (Conv2D c : List.of(valid, same, dilated)) {
            assertEquals(c.computeOutputShape(Shape.of(2, 10, 10, 3)), c.apply(Tensor.zeros(Shape.of(2, 10, 10, 3), DType.FLOAT32)).shape());
        }
    }

    @Test void refusesBadArgumentsWithKerasMessages() {
        assertEquals("Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0",
                assertThrows(IllegalArgumentException.class, () -> new Conv2D(0, 3)).getMessage());
        assertEquals("The argument `kernel_size` cannot contain 0. Received kernel_size=(3, 0)",
                assertThrows(IllegalArgumentException.class, () -> new Conv2D(2, 3, 0)).getMessage());
        assertEquals("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(2, 2) and dilation_rate=(2, 2)",
                assertThrows(IllegalArgumentException.class, () -> new Conv2D(2, 3).strides(2).dilationRate(2)).getMessage());
        assertEquals("The number of filters must be evenly divisible by the number of groups. Received: groups=3, filters=4.",
                assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 3).groups(3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 3).padding("causal"));
        Conv2D g = new Conv2D(4, 3).groups(2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.ensureBuilt(Shape.of(-1, 5, 5, 3))).getMessage()
                .startsWith("The number of input channels must be evenly divisible by the number of groups. Received groups=2, but the input has 3 channels"));
    }

    @Test void readsKerasConfigs() {
        Layer l = Layers.fromConfig("Conv2D", Map.of("filters", 3, "kernel_size", List.of(2, 2), "strides", List.of(1, 1), "padding", "same",
                "activation", "relu", "use_bias", false, "dilation_rate", 1));
        Conv2D c = (Conv2D) l;
        assertEquals(List.of(2, 2), c.getConfig().get("kernel_size"));
        assertEquals("same", c.getConfig().get("padding"));
        assertEquals(false, c.getConfig().get("use_bias"));
        assertEquals("relu", c.getConfig().get("activation"));
    }

    @Test void gradientsThroughTheLayerMatchFiniteDifferences() {
        Conv2D c = new Conv2D(3, 2, 3).strides(2, 1).padding("same").dtype(DType.FLOAT64);
        c.ensureBuilt(Shape.of(-1, 5, 4, 2));
        c.setWeights(List.of(GradCheck.uniform(2, -1, 1, 2, 3, 2, 3), GradCheck.uniform(3, -1, 1, 3)));
        GradCheck.check(in -> c.apply(in.get(0)), GradCheck.uniform(1, -1, 1, 2, 5, 4, 2));
    }

    @Test void weightsReceiveGradients() {
        Conv2D c = new Conv2D(2, 2).dtype(DType.FLOAT64);
        c.ensureBuilt(Shape.of(-1, 3, 3, 1));
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);
        try (var tape = new io.keras4j.autodiff.GradientTape()) {
            Tensor loss = io.keras4j.ops.Ops.sum(c.apply(x));
            List<Tensor> g = tape.gradientOfVariables(loss, c.trainableWeights());
            // d sum / d kernel[i, j] = sum of the inputs that tap (i, j) sees: 12, 16, 24, 28 for each filter.
            assertArrayEquals(new double[] {12, 12, 16, 16, 24, 24, 28, 28}, g.get(0).toDoubleArray(), 1e-12);
            // d sum / d bias = the number of output cells, 4.
            assertArrayEquals(new double[] {4, 4}, g.get(1).toDoubleArray(), 1e-12);
        }
    }
}
