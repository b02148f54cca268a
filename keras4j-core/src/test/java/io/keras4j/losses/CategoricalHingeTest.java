package io.keras4j.losses;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.assertClose;
import static io.keras4j.losses.LossChecks.f32;
import static io.keras4j.losses.LossChecks.f64;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values from Keras's losses_test.py and from max(max((1 - t) p) - sum(t p) + 1, 0). */
class CategoricalHingeTest {
    static final Tensor Y_TRUE = f32(new double[][] {{0, 1}, {0, 0}});
    static final Tensor Y_PRED = f32(new double[][] {{0.6, 0.4}, {0.4, 0.6}});

    @Test void unweighted() {
        // Row 1: neg 0.6, pos 0.4 -> 1.2. Row 2: neg 0.6, pos 0 -> 1.6.
        assertAllClose(new double[] {1.2, 1.6}, new CategoricalHinge().reduction("none").apply(Y_TRUE, Y_PRED), 1e-6);
        assertClose(1.4, new CategoricalHinge().apply(Y_TRUE, Y_PRED), 1e-6);
        assertClose(2.8, new CategoricalHinge().reduction("sum").apply(Y_TRUE, Y_PRED), 1e-6);
        assertClose(0.6, new CategoricalHinge().apply(Y_TRUE, Y_PRED, f32(1, 0)), 1e-6);
    }

    @Test void confidentCorrectPredictionLosesNothing() {
        // pos 3, neg max(0.5, 1) = 1: max(1 - 3 + 1, 0) = 0; a second row with pos 1, neg 0.5 -> 0.5.
        Tensor yTrue = f64(new double[][] {{0, 1, 0}, {1, 0, 0}});
        Tensor yPred = f64(new double[][] {{0.5, 3, 1}, {1, 0.5, -2}});
        assertAllClose(new double[] {0, 0.5}, Losses.categoricalHinge(yTrue, yPred), 1e-12);
    }

    @Test void config() {
        CategoricalHinge loss = new CategoricalHinge().reduction("none");
        assertEquals(Map.of("name", "categorical_hinge", "reduction", "none"), loss.getConfig());
        assertEquals(loss.getConfig(), CategoricalHinge.fromConfig(loss.getConfig()).getConfig());
    }
}
