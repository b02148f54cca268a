package io.keras4j.layers.pooling;

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

class MaxPooling2DTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    private static final Tensor NINE = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);

    @Test void kerasDocstringExamples() {
        // keras.layers.MaxPooling2D docs: strides (1, 1) valid → [[5, 6], [8, 9]]; "same" keeps 3x3.
        assertArrayEquals(new float[] {5, 6, 8, 9}, new MaxPooling2D(2).strides(1).apply(NINE).toFloatArray());
        Tensor same = new MaxPooling2D(2).strides(1).padding("same").apply(NINE);
        assertEquals(Shape.of(1, 3, 3, 1), same.shape());
        assertArrayEquals(new float[] {5, 6, 6, 8, 9, 9, 8, 9, 9}, same.toFloatArray());
    }

    @Test void defaultsAndConfig() {
        MaxPooling2D p = new MaxPooling2D();
        Map<String, Object> c = p.getConfig();
        assertEquals(List.of(2, 2), c.get("pool_size"));
        assertEquals(List.of(2, 2), c.get("strides"));
        assertEquals("valid", c.get("padding"));
        assertEquals("channels_last", c.get("data_format"));
        assertEquals(Shape.of(-1, 2, 3, 4), p.computeOutputShape(Shape.of(-1, 5, 6, 4)));
        assertEquals(Shape.of(-1, 3, 3, 4), new MaxPooling2D(2).padding("same").computeOutputShape(Shape.of(-1, 5, 6, 4)));
        MaxPooling2D read = (MaxPooling2D) Layers.fromConfig("MaxPooling2D", Map.of("pool_size", List.of(3, 3), "padding", "same",
                "data_format", "channels_first"), 2);
        assertEquals(List.of(3, 3), read.getConfig().get("strides"));
        assertEquals(Shape.of(1, 4, 2, 2), read.apply(Tensor.zeros(Shape.of(1, 4, 5, 6), DType.FLOAT32)).shape());
        assertThrows(IllegalArgumentException.class, () -> new MaxPooling2D(2).padding("causal"));
        assertThrows(IllegalArgumentException.class, () -> new MaxPooling2D(0));
    }

    @Test void gradientGoesToTheMaximum() {
        MaxPooling2D p = new MaxPooling2D(2, 3).strides(1, 2).padding("same").dtype(DType.FLOAT64);
        GradCheck.check(in -> p.apply(in.get(0)), GradCheck.uniform(4, -1, 1, 2, 4, 5, 2));
    }
}
