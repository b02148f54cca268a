package io.keras4j.layers.regularization;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** SpatialDropout1D, SpatialDropout2D and SpatialDropout3D. */
class SpatialDropoutTest {
    @Test void inferenceIsTheIdentity() {
        Tensor x = Tensor.ones(2, 3, 4);
        assertSame(x, new SpatialDropout1D(0.5).apply(x, false));
    }

    @Test void oneDecisionPerSampleAndChannel1D() {
        // (batch 20, steps 6, channels 10): every step of a channel is kept or dropped together.
        float[] v = new SpatialDropout1D(0.4).seed(5).apply(Tensor.ones(20, 6, 10), true).toFloatArray();
        int dropped = 0;
        for (int b = 0; b < 20; b++) for (int c = 0; c < 10; c++) {
            float first = v[(b * 6) * 10 + c];
            assertTrue(first == 0f || Math.abs(first - 1 / 0.6f) < 1e-6);
            if (first == 0f) dropped++;
            for (int t = 1; t < 6; t++) assertEquals(first, v[(b * 6 + t) * 10 + c]);
        }
        assertTrue(dropped > 40 && dropped < 120, "dropped " + dropped + " of 200 channels at rate 0.4");
    }

    @Test void channelsFirst2DAndChannelsLast3DShareOverSpatialAxes() {
        float[] v = new SpatialDropout2D(0.5).dataFormat("channels_first").seed(1).apply(Tensor.ones(4, 8, 3, 3), true).toFloatArray();
        for (int m = 0; m < 32; m++) for (int i = 1; i < 9; i++) assertEquals(v[m * 9], v[m * 9 + i]);
        float[] w = new SpatialDropout3D(0.5).seed(2).apply(Tensor.ones(2, 2, 2, 2, 5), true).toFloatArray();
        for (int b = 0; b < 2; b++) for (int s = 1; s < 8; s++) for (int c = 0; c < 5; c++) assertEquals(w[b * 40 + c], w[b * 40 + s * 5 + c]);
    }

    @Test void configAndErrors() {
        Map<String, Object> c = new SpatialDropout2D(0.3).seed(7).getConfig();
        assertEquals(0.3, c.get("rate"));
        assertEquals(7L, c.get("seed"));
        assertEquals("channels_last", c.get("data_format"));
        assertFalse(c.containsKey("trainable"));
        assertEquals("channels_first", Layers.fromConfig("SpatialDropout3D", Map.of("rate", 0.2, "data_format", "channels_first")).getConfig().get("data_format"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SpatialDropout1D(1));
        assertEquals("Invalid value received for argument `rate`. Expected a float value between 0 and 1 (1 excluded). Received: rate=1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpatialDropout2D(0.5).apply(Tensor.ones(2, 3, 4), true));
    }
}
