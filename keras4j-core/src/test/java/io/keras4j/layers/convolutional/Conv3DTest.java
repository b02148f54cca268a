package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layer;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class Conv3DTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void shapesWeightsAndValues() {
        Conv3D c = new Conv3D(2, 3, 3, 2).strides(2, 1, 1).padding("same");
        assertEquals(Shape.of(-1, 3, 4, 5, 2), c.computeOutputShape(Shape.of(-1, 5, 4, 5, 3)));
        Tensor y = c.apply(Tensor.zeros(Shape.of(1, 5, 4, 5, 3), DType.FLOAT32));
        assertEquals(Shape.of(1, 3, 4, 5, 2), y.shape());
        assertEquals(Shape.of(3, 3, 2, 3, 2), c.kernel().shape());
        assertEquals(List.of(2, 1, 1), c.getConfig().get("strides"));
        // A 2x2x2 kernel of ones over a 2x2x2 cube of 1..8, valid: one output, 36 (+ bias 1).
        Conv3D s = new Conv3D(1, 2);
        s.ensureBuilt(Shape.of(-1, 2, 2, 2, 1));
        s.setWeights(List.of(Tensor.full(Shape.of(2, 2, 2, 1, 1), 1, DType.FLOAT32), Tensor.of(new float[] {1}, 1)));
        assertArrayEquals(new float[] {37}, s.apply(Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 2, 2, 1)).toFloatArray());
    }
}
