package io.keras4j.losses;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.assertClose;
import static io.keras4j.losses.LossChecks.f32;
import static io.keras4j.losses.LossChecks.f64;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values from Keras's losses_test.py and from mean(max(1 - t p, 0)^2). */
class SquaredHingeTest {
    static final Tensor Y_TRUE = f32(new double[][] {{0, 1}, {0, 0}});
    static final Tensor Y_PRED = f32(new double[][] {{0.6, 0.4}, {0.4, 0.6}});

    @Test void unweighted() {
        // Margins 1.6, 0.6 / 1.4, 1.6 squared: (2.56 + 0.36) / 2 and (1.96 + 2.56) / 2.
        assertAllClose(new double[] {1.46, 2.26}, new SquaredHinge().reduction("none").apply(Y_TRUE, Y_PRED), 1e-6);
        assertClose(1.86, new SquaredHinge().apply(Y_TRUE, Y_PRED), 1e-6);
        assertClose(3.72, new SquaredHinge().reduction("sum").apply(Y_TRUE, Y_PRED), 1e-6);
    }

    @Test void weighted() {
        assertClose(0.73, new SquaredHinge().apply(Y_TRUE, Y_PRED, f32(1, 0)), 1e-6);
    }

    @Test void marginsBeyondOneLoseNothing() {
        // Labels -1, 1 with predictions -2, 0.5: margins 0 and 0.5.
        assertClose(0.125, Losses.squaredHinge(f64(-1, 1), f64(-2, 0.5)), 1e-12);
    }

    @Test void config() {
        SquaredHinge loss = new SquaredHinge().name("sq");
        assertEquals(Map.of("name", "sq", "reduction", "sum_over_batch_size"), loss.getConfig());
        assertEquals(loss.getConfig(), SquaredHinge.fromConfig(loss.getConfig()).getConfig());
        assertEquals("squared_hinge", new SquaredHinge().name());
    }
}
