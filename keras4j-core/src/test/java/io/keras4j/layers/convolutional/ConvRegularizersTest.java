package io.keras4j.layers.convolutional;

import io.keras4j.constraints.MaxNorm;
import io.keras4j.constraints.NonNeg;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.regularizers.L1;
import io.keras4j.regularizers.L2;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Regularizers and constraints on the convolution layers' weights. */
class ConvRegularizersTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    private static double sum(List<Tensor> losses) {
        double s = 0;
        for (Tensor t : losses) s += t.item();
        return s;
    }

    @Test void conv2DPenalisesKernelAndBias() {
        Conv2D c = new Conv2D(2, 3).kernelInitializer("ones").biasInitializer("ones").kernelRegularizer(new L2(0.01)).biasRegularizer(new L1(0.5));
        c.apply(Tensor.full(Shape.of(1, 4, 4, 3), 1.0, DType.FLOAT32));
        // kernel (3, 3, 3, 2) of ones: 0.01 * 54; bias (2) of ones: 0.5 * 2
        assertEquals(0.54 + 1.0, sum(c.losses()), 1e-5);
        assertSame(null, c.kernel().constraint());
    }

    @Test void constraintsReachTheVariables() {
        Conv2D c = new Conv2D(2, 3).kernelConstraint(new MaxNorm(1, 0, 1, 2)).biasConstraint("non_neg");
        c.ensureBuilt(Shape.of(-1, 5, 5, 1));
        assertInstanceOf(MaxNorm.class, c.kernel().constraint());
        assertInstanceOf(NonNeg.class, c.bias().constraint());
    }

    @Test void configsRoundTripThroughTheRegistry() {
        List<Layer> layers = List.of(
                new Conv2D(2, 3).kernelRegularizer("l2").biasRegularizer(new L1(0.3)).kernelConstraint(new MaxNorm(2, 0, 1, 2)).biasConstraint("non_neg"),
                new Conv2DTranspose(2, 3).kernelRegularizer(new L2(0.2)).kernelConstraint("unit_norm"),
                new DepthwiseConv2D(3).depthwiseRegularizer("l1").biasRegularizer("l2").depthwiseConstraint("non_neg").biasConstraint("max_norm"),
                new SeparableConv2D(4, 3).depthwiseRegularizer("l1").pointwiseRegularizer(new L2(0.4)).pointwiseConstraint("non_neg"),
                new Conv1D(2, 3).activityRegularizer(new L2(0.1)));
        for (Layer l : layers) {
            Map<String, Object> c = l.getConfig();
            Layer back = Layers.fromConfig(l.className(), c);
            assertEquals(c, back.getConfig(), l.className());
        }
        assertEquals("L2", ((Map<?, ?>) layers.get(4).getConfig().get("activity_regularizer")).get("class_name"));
    }

    @Test void separableConvPenalisesBothKernels() {
        SeparableConv2D s = new SeparableConv2D(2, 1).depthwiseInitializer("ones").pointwiseInitializer("ones")
                .depthwiseRegularizer(new L1(1)).pointwiseRegularizer(new L2(0.5));
        s.ensureBuilt(Shape.of(-1, 3, 3, 3));
        // depthwise (1, 1, 3, 1): 3; pointwise (1, 1, 3, 2): 0.5 * 6
        assertEquals(3 + 3.0, sum(s.losses()), 1e-6);
    }
}
