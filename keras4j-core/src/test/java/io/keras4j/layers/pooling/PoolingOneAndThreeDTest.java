package io.keras4j.layers.pooling;

import io.keras4j.layers.Layer;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** MaxPooling1D/3D and AveragePooling1D/3D: the same windows on other ranks. */
class PoolingOneAndThreeDTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void oneD() {
        Tensor x = Tensor.of(new float[] {1, 5, 3, 2, 4}, 1, 5, 1);
        // pool 2 stride 2: valid [1,5], [3,2]; same adds [4].
        assertArrayEquals(new float[] {5, 3}, new MaxPooling1D().apply(x).toFloatArray());
        assertArrayEquals(new float[] {5, 3, 4}, new MaxPooling1D().padding("same").apply(x).toFloatArray());
        assertArrayEquals(new float[] {3, 2.5f, 4}, new AveragePooling1D().padding("same").apply(x).toFloatArray());
        assertArrayEquals(new float[] {3, 4, 2.5f, 3}, new AveragePooling1D(2).strides(1).apply(x).toFloatArray());
        assertEquals(List.of(2), new MaxPooling1D().getConfig().get("pool_size"));
    }

    @Test void threeD() {
        double[] d = new double[8];
        for (int i = 0; i < 8; i++) d[i] = i + 1;
        Tensor x = io.keras4j.ops.Ops.cast(Tensor.of(d, 1, 2, 2, 2, 1), DType.FLOAT32);
        assertArrayEquals(new float[] {8}, new MaxPooling3D().apply(x).toFloatArray());
        assertArrayEquals(new float[] {4.5f}, new AveragePooling3D().apply(x).toFloatArray());
        assertEquals(Shape.of(-1, 3, 2, 4, 2), new AveragePooling3D(2).padding("same").computeOutputShape(Shape.of(-1, 5, 4, 7, 2)));
        assertEquals(Shape.of(1, 3, 2, 4, 2), new AveragePooling3D(2).padding("same").apply(Tensor.zeros(Shape.of(1, 5, 4, 7, 2), DType.FLOAT32)).shape());
    }
}
