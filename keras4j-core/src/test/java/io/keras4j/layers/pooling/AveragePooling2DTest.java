package io.keras4j.layers.pooling;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layer;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class AveragePooling2DTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void averagesOnlyCellsInsideTheInput() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);
        // keras.layers.AveragePooling2D docs: strides (1, 1) valid → [[3, 4], [6, 7]].
        assertArrayEquals(new float[] {3, 4, 6, 7}, new AveragePooling2D(2).strides(1).apply(x).toFloatArray());
        // "same" with stride 2: windows {1,2,4,5}, {3,6}, {7,8}, {9}: the padded cells do not count.
        assertArrayEquals(new float[] {3, 4.5f, 7.5f, 9}, new AveragePooling2D(2).padding("same").apply(x).toFloatArray());
    }

    @Test void gradientMatchesFiniteDifferences() {
        AveragePooling2D p = new AveragePooling2D(3).strides(2).padding("same").dtype(DType.FLOAT64);
        GradCheck.check(in -> p.apply(in.get(0)), GradCheck.uniform(5, -1, 1, 2, 5, 4, 3));
        assertEquals(Shape.of(-1, 3, 2, 3), p.computeOutputShape(Shape.of(-1, 5, 4, 3)));
    }
}
