package io.keras4j.layers.convolutional;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layer;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SeparableConv1DTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void depthwiseThenPointwise() {
        // One channel, kernel [1, 2] → depthwise d[t] = x[t] + 2 x[t+1]; pointwise to 2 filters (1, -3); bias (0, 1).
        SeparableConv1D c = new SeparableConv1D(2, 2);
        c.ensureBuilt(Shape.of(-1, 3, 1));
        assertEquals(Shape.of(2, 1, 1), c.depthwiseKernel().shape());
        assertEquals(Shape.of(1, 1, 2), c.pointwiseKernel().shape());
        c.setWeights(List.of(Tensor.of(new float[] {1, 2}, 2, 1, 1), Tensor.of(new float[] {1, -3}, 1, 1, 2), Tensor.of(new float[] {0, 1}, 2)));
        Tensor y = c.apply(Tensor.of(new float[] {1, 2, 3}, 1, 3, 1));
        // d = [5, 8] → [[5, -14], [8, -23]]
        assertArrayEquals(new float[] {5, -14, 8, -23}, y.toFloatArray());
    }

    @Test void gradientMatchesFiniteDifferences() {
        SeparableConv1D c = new SeparableConv1D(3, 2).depthMultiplier(2).padding("same").dtype(DType.FLOAT64);
        c.ensureBuilt(Shape.of(-1, 5, 2));
        c.setWeights(List.of(GradCheck.uniform(1, -1, 1, 2, 2, 2), GradCheck.uniform(2, -1, 1, 1, 4, 3), GradCheck.uniform(3, -1, 1, 3)));
        GradCheck.check(in -> c.apply(in.get(0)), GradCheck.uniform(4, -1, 1, 2, 5, 2));
    }
}
