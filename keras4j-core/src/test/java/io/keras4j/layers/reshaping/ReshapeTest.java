package io.keras4j.layers.reshaping;

import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ReshapeTest {
    @Test void infersTheUnknownDimension() {
        assertEquals(Shape.of(-1, 3, 4), new Reshape(3, -1).computeOutputShape(Shape.of(-1, 12)));
        Tensor y = new Reshape(-1, 2).apply(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 6));
        assertEquals(Shape.of(1, 3, 2), y.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, y.toFloatArray());
    }

    @Test void sizeMismatchFailsInKerasWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Reshape(5).computeOutputShape(Shape.of(-1, 12)));
        assertEquals("The total size of the tensor must be unchanged. Received: input_shape=(12,), target_shape=(5,)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Reshape(-1, -1));
    }

    @Test void flattenKeepsTheBatchAxis() {
        Flatten f = new Flatten();
        assertEquals(Shape.of(-1, 24), f.computeOutputShape(Shape.of(-1, 2, 3, 4)));
        Tensor y = f.apply(Tensor.zeros(5, 2, 3, 4));
        assertEquals(Shape.of(5, 24), y.shape());
    }

    @Test void flattenChannelsFirstMovesChannelsLast() {
        // (1, C=2, 2): channels_first flattening reads (h, c) order as Keras does.
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2);
        assertArrayEquals(new float[] {1, 3, 2, 4}, new Flatten().dataFormat("channels_first").apply(x).toFloatArray());
    }
}
