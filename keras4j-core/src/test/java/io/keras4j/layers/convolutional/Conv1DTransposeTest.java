package io.keras4j.layers.convolutional;

import io.keras4j.layers.Layer;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class Conv1DTransposeTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void stridedTransposeOverlapsWindows() {
        // [1, 2], kernel [1, 1, 1], stride 2, valid: length (2-1)*2 + 3 = 5, values [1, 1, 1+2, 2, 2].
        Conv1DTranspose c = new Conv1DTranspose(1, 3).strides(2).useBias(false);
        c.ensureBuilt(Shape.of(-1, 2, 1));
        c.setWeights(List.of(Tensor.full(Shape.of(3, 1, 1), 1, DType.FLOAT32)));
        Tensor y = c.apply(Tensor.of(new float[] {1, 2}, 1, 2, 1));
        assertEquals(Shape.of(1, 5, 1), y.shape());
        assertArrayEquals(new float[] {1, 1, 3, 2, 2}, y.toFloatArray());
        assertEquals(List.of(2), c.getConfig().get("strides"));
    }
}
