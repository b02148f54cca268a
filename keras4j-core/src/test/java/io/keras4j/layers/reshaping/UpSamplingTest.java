package io.keras4j.layers.reshaping;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** UpSampling1D, UpSampling2D and UpSampling3D. */
class UpSamplingTest {
    private static Tensor iota(int... shape) {
        float[] v = new float[Shape.of(shape).size()];
        for (int i = 0; i < v.length; i++) v[i] = i;
        return Tensor.of(v, shape);
    }

    @Test void upSampling1DDocstringExample() {
        // Keras's docstring: arange(12).reshape(2, 2, 3) with size=2 repeats each step twice.
        Tensor y = new UpSampling1D().apply(iota(2, 2, 3));
        assertEquals(Shape.of(2, 4, 3), y.shape());
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 6, 7, 8, 6, 7, 8, 9, 10, 11, 9, 10, 11}, y.toFloatArray());
    }

    @Test void upSampling2DDocstringExample() {
        // Keras's docstring: arange(12).reshape(2, 2, 1, 3) with size=(1, 2).
        Tensor y = new UpSampling2D().size(1, 2).apply(iota(2, 2, 1, 3));
        assertEquals(Shape.of(2, 2, 2, 3), y.shape());
        assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 6, 7, 8, 6, 7, 8, 9, 10, 11, 9, 10, 11}, y.toFloatArray());
    }

    @Test void upSampling2DChannelsFirstRepeatsRowsAndColumns() {
        Tensor y = new UpSampling2D().dataFormat("channels_first").apply(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, y.toFloatArray());
    }

    @Test void bilinearUsesHalfPixelCentresAndClampsAtTheEdges() {
        // Sample points (o + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25, clamped to [0, 1]: r = 0, .25, .75, 1.
        // Separable on [[0, 1], [2, 3]]: out[i][j] = 2 r_i + r_j.
        Tensor y = new UpSampling2D().interpolation("bilinear").apply(Tensor.of(new float[] {0, 1, 2, 3}, 1, 2, 2, 1));
        double[] r = {0, 0.25, 0.75, 1};
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) assertEquals(2 * r[i] + r[j], y.get(0, i, j, 0), 1e-6);
    }

    @Test void bilinearGradient() {
        double[] v = new double[12];
        for (int i = 0; i < 12; i++) v[i] = Math.cos(i);
        GradCheck.check(in -> new UpSampling2D().size(3, 2).interpolation("bilinear").<UpSampling2D>dtype(DType.FLOAT64).apply(in.get(0)), Tensor.of(v, 1, 2, 3, 2));
    }

    @Test void upSampling3DBothFormats() {
        Tensor y = new UpSampling3D().size(1, 2, 3).apply(Tensor.of(new float[] {5, 6}, 1, 1, 1, 1, 2));
        assertEquals(Shape.of(1, 1, 2, 3, 2), y.shape());
        for (int i = 0; i < 6; i++) assertArrayEquals(new float[] {5, 6}, new float[] {y.toFloatArray()[2 * i], y.toFloatArray()[2 * i + 1]});
        assertEquals(Shape.of(-1, 3, 4, 4, 4), new UpSampling3D().dataFormat("channels_first").computeOutputShape(Shape.of(-1, 3, 2, 2, 2)));
        GradCheck.check(in -> new UpSampling3D().<UpSampling3D>dtype(DType.FLOAT64).apply(in.get(0)), Tensor.of(new double[] {1, -2, 0.5, 3}, 1, 1, 2, 2, 1));
    }

    @Test void configsAndErrors() {
        Map<String, Object> c = new UpSampling2D().getConfig();
        assertEquals(List.of(2, 2), c.get("size"));
        assertEquals("channels_last", c.get("data_format"));
        assertEquals("nearest", c.get("interpolation"));
        assertEquals(List.of(3, 3), Layers.fromConfig("UpSampling2D", Map.of("size", 3)).getConfig().get("size"));
        assertEquals(List.of(2, 1, 2), Layers.fromConfig("UpSampling3D", Map.of("size", List.of(2, 1, 2), "data_format", "channels_first")).getConfig().get("size"));
        assertEquals(3, Layers.fromConfig("UpSampling1D", Map.of("size", 3)).getConfig().get("size"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UpSampling2D().size(0, 2));
        assertEquals("The `size` argument must be a tuple of 2 integers. Received size=(0, 2), including values {0} that do not satisfy `value > 0`", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UpSampling1D().size(-1));
        assertThrows(IllegalArgumentException.class, () -> new UpSampling2D().interpolation("cubic"));
        assertThrows(UnsupportedOperationException.class, () -> new UpSampling2D().interpolation("bicubic"));
        assertThrows(IllegalArgumentException.class, () -> new UpSampling1D().apply(Tensor.zeros(2, 3)));
    }
}
