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

/** Cropping1D, Cropping2D and Cropping3D against plain-loop slicing. */
class CroppingTest {
    private static Tensor iota(int... shape) {
        float[] v = new float[Shape.of(shape).size()];
        for (int i = 0; i < v.length; i++) v[i] = i;
        return Tensor.of(v, shape);
    }

    @Test void cropping1DCutsStartAndEndSteps() {
        Tensor x = iota(2, 6, 3);
        Tensor y = new Cropping1D().cropping(2, 1).apply(x);
        assertEquals(Shape.of(2, 3, 3), y.shape());
        for (int b = 0; b < 2; b++) for (int t = 0; t < 3; t++) for (int c = 0; c < 3; c++) assertEquals(x.get(b, t + 2, c), y.get(b, t, c));
        assertEquals(Shape.of(-1, 4, 3), new Cropping1D().computeOutputShape(Shape.of(-1, 6, 3))); // default (1, 1)
        assertEquals(List.of(1, 1), new Cropping1D().getConfig().get("cropping"));
    }

    @Test void cropping2DChannelsLastAndFirst() {
        Tensor x = iota(1, 5, 6, 2);
        Tensor y = new Cropping2D().cropping(new int[][] {{1, 2}, {0, 3}}).apply(x);
        assertEquals(Shape.of(1, 2, 3, 2), y.shape());
        for (int h = 0; h < 2; h++) for (int w = 0; w < 3; w++) for (int c = 0; c < 2; c++) assertEquals(x.get(0, h + 1, w, c), y.get(0, h, w, c));
        Tensor xf = iota(1, 2, 5, 6);
        Tensor yf = new Cropping2D().cropping(1, 2).dataFormat("channels_first").apply(xf);
        assertEquals(Shape.of(1, 2, 3, 2), yf.shape());
        for (int c = 0; c < 2; c++) for (int h = 0; h < 3; h++) for (int w = 0; w < 2; w++) assertEquals(xf.get(0, c, h + 1, w + 2), yf.get(0, c, h, w));
        // Keras's default crops nothing.
        assertEquals(Shape.of(-1, 5, 6, 2), new Cropping2D().computeOutputShape(Shape.of(-1, 5, 6, 2)));
    }

    @Test void cropping3DDefaultIsOneEverywhere() {
        Tensor x = iota(1, 4, 5, 6, 1);
        Tensor y = new Cropping3D().apply(x);
        assertEquals(Shape.of(1, 2, 3, 4, 1), y.shape());
        assertEquals(x.get(0, 1, 1, 1, 0), y.get(0, 0, 0, 0, 0));
        assertEquals(x.get(0, 2, 3, 4, 0), y.get(0, 1, 2, 3, 0));
        assertEquals(Shape.of(-1, 2, 4, 3, 3), new Cropping3D().cropping(1, 0, 2).dataFormat("channels_first").computeOutputShape(Shape.of(-1, 2, 6, 3, 7)));
    }

    @Test void gradientIsZeroOnTheCroppedBorder() {
        double[] v = new double[16];
        for (int i = 0; i < 16; i++) v[i] = Math.sin(i);
        GradCheck.check(in -> new Cropping2D().cropping(1).<Cropping2D>dtype(DType.FLOAT64).apply(in.get(0)), Tensor.of(v, 1, 4, 4, 1));
    }

    @Test void croppingEverythingFailsInKerasWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Cropping1D().cropping(3).computeOutputShape(Shape.of(-1, 6, 4)));
        assertEquals("`cropping` parameter of `Cropping1D` layer must be smaller than the input length. Received: input_shape=(None, 6, 4), cropping=(3, 3)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Cropping2D().cropping(2).apply(Tensor.zeros(1, 4, 9, 1)));
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> new Cropping2D().cropping(new int[][] {{-1, 0}, {0, 0}}));
        assertEquals("The `1st entry of cropping` argument must be a tuple of 2 integers. Received 1st entry of cropping=(-1, 0), including values {-1} that do not satisfy `value >= 0`", neg.getMessage());
    }

    @Test void fromKerasConfigs() {
        Map<String, Object> c2 = Layers.fromConfig("Cropping2D", Map.of("cropping", List.of(List.of(4, 2), List.of(3, 1)), "data_format", "channels_first")).getConfig();
        assertEquals(List.of(List.of(4, 2), List.of(3, 1)), c2.get("cropping"));
        assertEquals("channels_first", c2.get("data_format"));
        assertEquals(List.of(List.of(2, 2), List.of(3, 3)), Layers.fromConfig("Cropping2D", Map.of("cropping", List.of(2, 3))).getConfig().get("cropping"));
        assertEquals(List.of(List.of(2, 2), List.of(2, 2), List.of(2, 2)), Layers.fromConfig("Cropping3D", Map.of("cropping", 2)).getConfig().get("cropping"));
        assertEquals(List.of(2, 2), Layers.fromConfig("Cropping1D", Map.of("cropping", 2)).getConfig().get("cropping"));
        assertEquals(List.of(2, 3), Layers.fromConfig("Cropping1D", Map.of("cropping", List.of(2, 3))).getConfig().get("cropping"));
    }
}
