package io.keras4j.losses;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.assertClose;
import static io.keras4j.losses.LossChecks.f32;
import static io.keras4j.losses.LossChecks.f64;
import static io.keras4j.losses.LossChecks.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values from Keras's docstring and tests, and from mean(|t - p|). */
class MeanAbsoluteErrorTest {
    @Test void docstringExample() {
        assertClose(0.5666667, new MeanAbsoluteError().apply(f32(1, 0.3, 1), f32(1.9, 0.3, 1.8)), 1e-6);
    }

    @Test void perSampleMeansOfAbsoluteErrors() {
        Tensor yTrue = ints(new int[][] {{1, 9, 2}, {-5, -2, 6}});
        Tensor yPred = f64(new double[][] {{4, 8, 12}, {8, 1, 3}});
        double[] expected = {(3 + 1 + 10) / 3.0, (13 + 3 + 3) / 3.0};
        assertAllClose(expected, new MeanAbsoluteError().reduction("none").apply(yTrue, yPred), 1e-12);
        assertClose((expected[0] + expected[1]) / 2, new MeanAbsoluteError().apply(yTrue, yPred), 1e-12);
        assertClose(expected[0] * 2 + expected[1] * 0.5,
                new MeanAbsoluteError().reduction("sum").apply(yTrue, yPred, f64(2, 0.5)), 1e-12);
    }

    @Test void config() {
        MeanAbsoluteError loss = new MeanAbsoluteError().name("mymae");
        assertEquals(Map.of("name", "mymae", "reduction", "sum_over_batch_size"), loss.getConfig());
        assertEquals(loss.getConfig(), MeanAbsoluteError.fromConfig(loss.getConfig()).getConfig());
        assertEquals("mean_absolute_error", new MeanAbsoluteError().name());
    }
}
