package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layer;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class Conv3DTransposeTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void shapesFollowKeras() {
        // valid stride 1: n + k - 1; same stride 2: 2n.
        Conv3DTranspose c = new Conv3DTranspose(3, 2, 3, 1);
        assertEquals(Shape.of(-1, 4, 6, 5, 3), c.computeOutputShape(Shape.of(-1, 3, 4, 5, 2)));
        Tensor y = c.apply(Tensor.full(Shape.of(1, 3, 4, 5, 2), 1, DType.FLOAT32));
        assertEquals(Shape.of(1, 4, 6, 5, 3), y.shape());
        assertEquals(Shape.of(2, 3, 1, 3, 2), c.kernel().shape());
        assertEquals(Shape.of(-1, 6, 8, 10, 3), new Conv3DTranspose(3, 3).strides(2).padding("same").computeOutputShape(Shape.of(-1, 3, 4, 5, 2)));
    }
}
