package io.keras4j.losses;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.assertClose;
import static io.keras4j.losses.LossChecks.f64;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values from mean(p - t log(p + 1e-7)), on the inputs of Keras's tests. */
class PoissonTest {
    @Test void formula() {
        double[][] p = {{1, 9, 2}, {5, 2, 6}};
        double[][] t = {{4, 8, 12}, {8, 1, 3}};
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) expected[i] += (p[i][j] - t[i][j] * Math.log(p[i][j] + 1e-7)) / 3;
        assertAllClose(expected, new Poisson().reduction("none").apply(f64(t), f64(p)), 1e-12);
        Tensor w = Tensor.scalar(2.3, DType.FLOAT64);
        assertClose(2.3 * (expected[0] + expected[1]) / 2, new Poisson().apply(f64(t), f64(p), w), 1e-12);
    }

    @Test void zeroPredictionUsesEpsilon() {
        assertClose((0 - 2 * Math.log(1e-7)) / 1, Losses.poisson(f64(2.0), f64(0.0)), 1e-12);
    }

    @Test void config() {
        Poisson loss = new Poisson().reduction("sum");
        assertEquals(Map.of("name", "poisson", "reduction", "sum"), loss.getConfig());
        assertEquals(loss.getConfig(), Poisson.fromConfig(loss.getConfig()).getConfig());
    }
}
