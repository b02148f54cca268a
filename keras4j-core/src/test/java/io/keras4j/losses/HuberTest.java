package io.keras4j.losses;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.assertClose;
import static io.keras4j.losses.LossChecks.f32;
import static io.keras4j.losses.LossChecks.f64;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values from Keras's docstring and from the piecewise definition (Wikipedia's Huber loss). */
class HuberTest {
    private static double huber(double e, double delta) {
        double a = Math.abs(e);
        return a <= delta ? 0.5 * e * e : delta * a - 0.5 * delta * delta;
    }

    @Test void docstringExample() {
        Tensor yTrue = f32(new double[][] {{0, 1}, {0, 0}});
        Tensor yPred = f32(new double[][] {{0.6, 0.4}, {0.4, 0.6}});
        assertClose(0.155, new Huber().apply(yTrue, yPred), 1e-6);
    }

    @Test void quadraticAndLinearRegions() {
        double[][] t = {{1.0, 0.0, 1.0}, {1.0, 0.0, 0.0}};
        double[][] p = {{0.9, 0.2, 3.0}, {-1.5, 0.4, 0.6}};
        double delta = 0.8;
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) expected[i] += huber(p[i][j] - t[i][j], delta) / 3;
        }
        assertAllClose(expected, new Huber().delta(delta).reduction("none").apply(f64(t), f64(p)), 1e-12);
        Tensor w = Tensor.scalar(2.3, DType.FLOAT64);
        assertClose(2.3 * (expected[0] + expected[1]) / 2, new Huber().delta(delta).apply(f64(t), f64(p), w), 1e-12);
        assertAllClose(expected, Losses.huber(f64(t), f64(p), delta), 1e-12);
    }

    @Test void defaultDeltaIsOne() {
        // Errors 2 and 0.5: 1 * 2 - 0.5 and 0.125.
        assertClose((1.5 + 0.125) / 2, new Huber().apply(f64(0, 0), f64(2, 0.5)), 1e-12);
        assertEquals(1.0, new Huber().delta());
    }

    @Test void config() {
        Huber loss = new Huber().delta(2.0).reduction("sum").name("huber");
        assertEquals(Map.of("name", "huber", "reduction", "sum", "delta", 2.0), loss.getConfig());
        assertEquals(loss.getConfig(), Huber.fromConfig(loss.getConfig()).getConfig());
        assertEquals("huber_loss", new Huber().name());
    }
}
