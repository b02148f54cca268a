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

class Conv2DTransposeTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void kernelIsKernelSizeFiltersInputs() {
        Conv2DTranspose c = new Conv2DTranspose(5, 3).strides(2);
        c.ensureBuilt(Shape.of(-1, 4, 4, 2));
        assertEquals(Shape.of(3, 3, 5, 2), c.kernel().shape());
        assertEquals(Shape.of(5), c.bias().shape());
        assertNull(c.getConfig().get("output_padding"));
        assertFalse(c.getConfig().containsKey("groups"));
    }

    @Test void outputShapesFollowKeras() {
        // valid: (n-1)*s + k + max(k, s) - k; same: n*s; same with output_padding p: (n-1)*s + k%2 + p.
        assertEquals(Shape.of(-1, 9, 9, 4), new Conv2DTranspose(4, 3).strides(2).computeOutputShape(Shape.of(-1, 4, 4, 2)));
        assertEquals(Shape.of(-1, 8, 12, 4), new Conv2DTranspose(4, 3).strides(2, 3).padding("same").computeOutputShape(Shape.of(-1, 4, 4, 2)));
        Conv2DTranspose p = new Conv2DTranspose(4, 3).strides(2).padding("same").outputPadding(1, 0);
        assertEquals(Shape.of(-1, 8, 7, 4), p.computeOutputShape(Shape.of(-1, 4, 4, 2)));
        assertEquals(Shape.of(1, 8, 7, 4), p.apply(Tensor.zeros(Shape.of(1, 4, 4, 2), DType.FLOAT32)).shape());
        assertThrows(IllegalArgumentException.class, () -> new Conv2DTranspose(4, 3).strides(2).outputPadding(2));
    }

    @Test void scattersEachInputCellOverItsWindow() {
        // One input cell of value 2, a 2x2 kernel [[1, 2], [3, 4]], stride 1: output 2 * kernel + bias 1.
        Conv2DTranspose c = new Conv2DTranspose(1, 2);
        c.ensureBuilt(Shape.of(-1, 1, 1, 1));
        c.setWeights(List.of(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2, 1, 1), Tensor.of(new float[] {1}, 1)));
        assertArrayEquals(new float[] {3, 5, 7, 9}, c.apply(Tensor.of(new float[] {2}, 1, 1, 1, 1)).toFloatArray());
    }

    @Test void gradientMatchesFiniteDifferences() {
        Conv2DTranspose c = new Conv2DTranspose(2, 3, 2).strides(2, 1).padding("same").dtype(DType.FLOAT64);
        c.ensureBuilt(Shape.of(-1, 3, 3, 2));
        c.setWeights(List.of(GradCheck.uniform(1, -1, 1, 3, 2, 2, 2), GradCheck.uniform(2, -1, 1, 2)));
        GradCheck.check(in -> c.apply(in.get(0)), GradCheck.uniform(3, -1, 1, 2, 3, 3, 2));
    }
}
