package io.keras4j.layers.regularization;

import io.keras4j.layers.Layers;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class AlphaDropoutTest {
    private static final double ALPHA_P = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;

    @Test void inferenceIsTheIdentity() {
        Tensor x = Tensor.ones(3, 4);
        assertSame(x, new AlphaDropout(0.5).apply(x, false));
    }

    @Test void keptAndDroppedValuesFollowTheAffineCorrection() {
        double rate = 0.25;
        double a = Math.pow((1 - rate) * (1 + rate * ALPHA_P * ALPHA_P), -0.5), b = -a * ALPHA_P * rate;
        float[] v = new AlphaDropout(rate).seed(2).apply(Tensor.full(Shape.of(100, 100), 0.5, DType.FLOAT32), true).toFloatArray();
        int dropped = 0;
        for (float f : v) {
            if (Math.abs(f - (a * ALPHA_P + b)) < 1e-5) dropped++;
            else assertEquals(a * 0.5 + b, f, 1e-5);
        }
        assertEquals(0.25, dropped / 10_000.0, 0.02);
    }

    @Test void keepsZeroMeanUnitVarianceInputsSo() {
        // The point of alpha dropout: standardised inputs stay at mean 0, variance 1.
        float[] v = new AlphaDropout(0.3).seed(11).apply(Random.normal(Shape.of(200, 1000), 0, 1, DType.FLOAT32, 5L), true).toFloatArray();
        double mean = 0, sq = 0;
        for (float f : v) { mean += f; sq += f * f; }
        mean /= v.length;
        assertEquals(0, mean, 0.01);
        assertEquals(1, sq / v.length - mean * mean, 0.02);
    }

    @Test void noiseShapeSharesTheMask() {
        float[] v = new AlphaDropout(0.5).noiseShape(-1, 1).seed(3).apply(Tensor.ones(30, 6), true).toFloatArray();
        for (int r = 0; r < 30; r++) for (int c = 1; c < 6; c++) assertEquals(v[r * 6], v[r * 6 + c]);
    }

    @Test void configAndErrors() {
        Map<String, Object> c = Layers.fromConfig("AlphaDropout", Map.of("rate", 0.1, "noise_shape", java.util.Arrays.asList(null, 1))).getConfig();
        assertEquals(0.1, c.get("rate"));
        assertEquals(java.util.Arrays.asList(null, 1), c.get("noise_shape"));
        assertNull(new AlphaDropout(0.1).getConfig().get("noise_shape"));
        assertThrows(IllegalArgumentException.class, () -> new AlphaDropout(1.5));
    }
}
