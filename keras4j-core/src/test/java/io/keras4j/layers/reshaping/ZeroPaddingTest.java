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

/** ZeroPadding1D, ZeroPadding2D and ZeroPadding3D against plain-loop padding. */
class ZeroPaddingTest {
    private static Tensor iota(int... shape) {
        float[] v = new float[Shape.of(shape).size()];
        for (int i = 0; i < v.length; i++) v[i] = i + 1;
        return Tensor.of(v, shape);
    }

    @Test void zeroPadding1DPadsTheStepsAxis() {
        Tensor x = iota(1, 2, 3);
        Tensor y = new ZeroPadding1D().padding(1, 2).apply(x);
        assertEquals(Shape.of(1, 5, 3), y.shape());
        for (int t = 0; t < 5; t++) for (int c = 0; c < 3; c++) {
            double expected = t >= 1 && t < 3 ? x.get(0, t - 1, c) : 0;
            assertEquals(expected, y.get(0, t, c));
        }
        assertEquals(Shape.of(-1, 3, 8), new ZeroPadding1D().dataFormat("channels_first").computeOutputShape(Shape.of(-1, 3, 6)));
    }

    @Test void zeroPadding2DBothFormats() {
        Tensor x = iota(1, 2, 2, 1);
        Tensor y = new ZeroPadding2D().padding(new int[][] {{0, 1}, {2, 0}}).apply(x);
        assertEquals(Shape.of(1, 3, 4, 1), y.shape());
        assertArrayEquals(new float[] {0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0}, y.toFloatArray());
        Tensor yf = new ZeroPadding2D().dataFormat("channels_first").apply(iota(1, 1, 1, 1));
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0, 0, 0, 0}, yf.toFloatArray());
    }

    @Test void zeroPadding3DDefaultsToOne() {
        Tensor y = new ZeroPadding3D().apply(iota(1, 1, 1, 1, 2));
        assertEquals(Shape.of(1, 3, 3, 3, 2), y.shape());
        assertEquals(1.0, y.get(0, 1, 1, 1, 0));
        assertEquals(2.0, y.get(0, 1, 1, 1, 1));
        double total = 0;
        for (float v : y.toFloatArray()) total += v;
        assertEquals(3.0, total);
    }

    @Test void gradientPassesTheInteriorOnly() {
        GradCheck.check(in -> new ZeroPadding1D().padding(2).<ZeroPadding1D>dtype(DType.FLOAT64).apply(in.get(0)), Tensor.of(new double[] {1, -2, 3, 0.5}, 1, 2, 2));
    }

    @Test void configsAndErrors() {
        assertEquals(List.of(List.of(1, 1), List.of(1, 1)), new ZeroPadding2D().getConfig().get("padding"));
        Map<String, Object> c = Layers.fromConfig("ZeroPadding3D", Map.of("padding", List.of(List.of(1, 2), List.of(3, 4), List.of(3, 1)))).getConfig();
        assertEquals(List.of(List.of(1, 2), List.of(3, 4), List.of(3, 1)), c.get("padding"));
        assertEquals("channels_last", c.get("data_format"));
        assertEquals(List.of(List.of(3, 3), List.of(2, 2)), Layers.fromConfig("ZeroPadding2D", Map.of("padding", List.of(3, 2))).getConfig().get("padding"));
        assertEquals(List.of(3, 2), Layers.fromConfig("ZeroPadding1D", Map.of("padding", List.of(3, 2))).getConfig().get("padding"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ZeroPadding1D().padding(1, -1));
        assertEquals("The `padding` argument must be a tuple of 2 integers. Received padding=(1, -1), including values {-1} that do not satisfy `value >= 0`", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ZeroPadding2D().padding(new int[][] {{1, 1}}));
        assertThrows(IllegalArgumentException.class, () -> new ZeroPadding2D().dataFormat("NHWC"));
    }
}
