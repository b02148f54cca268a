package io.keras4j.losses;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.keras4j.losses.LossChecks.allFinite;
import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.assertClose;
import static io.keras4j.losses.LossChecks.f32;
import static io.keras4j.losses.LossChecks.f64;
import static io.keras4j.losses.LossChecks.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values from Keras's tests and from 100 * mean(|t - p| / max(|t|, 1e-7)). */
class MeanAbsolutePercentageErrorTest {
    static final Tensor Y_TRUE = ints(new int[][] {{1, 9, 2}, {-5, -2, 6}});
    static final Tensor Y_PRED = f32(new double[][] {{4, 8, 12}, {8, 1, 3}});

    @Test void kerasValues() {
        assertClose(211.8518, new MeanAbsolutePercentageError().apply(Y_TRUE, Y_PRED), 1e-5);
        assertClose(487.259, new MeanAbsolutePercentageError().apply(Y_TRUE, Y_PRED, Tensor.scalar(2.3, DType.FLOAT32)), 1e-5);
    }

    @Test void formula() {
        double[] expected = {
                100 * (3 / 1.0 + 1 / 9.0 + 10 / 2.0) / 3,
                100 * (13 / 5.0 + 3 / 2.0 + 3 / 6.0) / 3};
        assertAllClose(expected, new MeanAbsolutePercentageError().reduction("none").apply(Y_TRUE, Y_PRED), 1e-6);
    }

    @Test void zeroLabelsDivideByEpsilon() {
        Tensor loss = new MeanAbsolutePercentageError().apply(f64(0.0, 2.0), f64(1e-9, 2.0));
        assertTrue(allFinite(loss));
        // |0 - 1e-9| / 1e-7 = 0.01, averaged with 0 and times 100.
        assertClose(100 * 0.01 / 2, loss, 1e-9);
    }

    @Test void config() {
        MeanAbsolutePercentageError loss = new MeanAbsolutePercentageError().reduction("sum");
        assertEquals(Map.of("name", "mean_absolute_percentage_error", "reduction", "sum"), loss.getConfig());
        assertEquals(loss.getConfig(), MeanAbsolutePercentageError.fromConfig(loss.getConfig()).getConfig());
    }
}
