package io.keras4j.layers.regularization;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class DropoutTest {
    @Test void inferenceIsTheIdentity() {
        Tensor x = Tensor.ones(4, 5);
        assertSame(x, new Dropout(0.5).apply(x, false));
    }

    @Test void trainingDropsAboutRateAndScalesTheRest() {
        Tensor y = new Dropout(0.2).seed(1).apply(Tensor.ones(200, 500), true);
        int zeros = 0;
        for (float v : y.toFloatArray()) {
            if (v == 0f) zeros++;
            else assertEquals(1 / 0.8f, v, 1e-6);
        }
        assertEquals(0.2, zeros / 100_000.0, 0.01);
    }

    @Test void noiseShapeSharesTheMaskAlongAxesOfSizeOne() {
        Tensor y = new Dropout(0.5).noiseShape(-1, 1).seed(3).apply(Tensor.ones(50, 8), true);
        float[] v = y.toFloatArray();
        for (int r = 0; r < 50; r++) for (int c = 1; c < 8; c++) assertEquals(v[r * 8], v[r * 8 + c]);
    }

    @Test void seededLayersRepeat() {
        Tensor a = new Dropout(0.5).seed(9).apply(Tensor.ones(10, 10), true);
        Tensor b = new Dropout(0.5).seed(9).apply(Tensor.ones(10, 10), true);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
    }
}
