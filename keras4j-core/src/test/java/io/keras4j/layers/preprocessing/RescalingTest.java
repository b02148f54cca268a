package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class RescalingTest {
    @Test void scalesAndOffsets() {
        // Keras docstring: scale=1/127.5, offset=-1 maps [0, 255] to [-1, 1].
        Tensor out = new Rescaling(1 / 127.5, -1).apply(Tensor.of(new float[] {0, 127.5f, 255}, 3));
        assertArrayEquals(new float[] {-1, 0, 1}, out.toFloatArray(), 1e-6f);
    }

    @Test void integerInputsGiveFloats() {
        Tensor out = new Rescaling(0.5).apply(Tensor.ofInts(new int[] {2, 3}, 2));
        assertEquals(DType.FLOAT32, out.dtype());
        assertArrayEquals(new float[] {1, 1.5f}, out.toFloatArray());
    }

    @Test void perChannelScale() {
        Tensor out = new Rescaling(new double[] {1, 10}).apply(Tensor.of(new float[] {1, 1, 2, 2}, 2, 2));
        assertArrayEquals(new float[] {1, 10, 2, 20}, out.toFloatArray());
    }

    @Test void configRoundTrip() {
        Map<String, Object> c = new Rescaling(0.25, 3).getConfig();
        assertEquals(0.25, c.get("scale"));
        assertEquals(3.0, c.get("offset"));
        Rescaling r = (Rescaling) Layers.fromConfig("Rescaling", c);
        assertArrayEquals(new float[] {4}, r.apply(Tensor.of(new float[] {4}, 1)).toFloatArray());
        assertEquals(Shape.of(-1, 5), r.computeOutputShape(Shape.of(-1, 5)));
    }
}
