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

/** Values from Keras's losses_test.py and from mean(max(1 - t p, 0)). */
class HingeTest {
    static final Tensor Y_TRUE = f32(new double[][] {{0, 1}, {0, 0}});
    static final Tensor Y_PRED = f32(new double[][] {{0.6, 0.4}, {0.4, 0.6}});

    @Test void binaryLabelsBecomeMinusOneAndOne() {
        // Labels -1, 1 / -1, -1: rows (1.6 + 0.6) / 2 and (1.4 + 1.6) / 2.
        assertAllClose(new double[] {1.1, 1.5}, new Hinge().reduction("none").apply(Y_TRUE, Y_PRED), 1e-6);
        assertClose(1.3, new Hinge().apply(Y_TRUE, Y_PRED), 1e-6);
        assertClose(2.6, new Hinge().reduction("sum").apply(Y_TRUE, Y_PRED), 1e-6);
    }

    @Test void weighted() {
        Tensor w = f32(1, 0);
        assertClose(0.55, new Hinge().apply(Y_TRUE, Y_PRED, w), 1e-6);
        assertClose(1.1, new Hinge().reduction("sum").apply(Y_TRUE, Y_PRED, w), 1e-6);
        assertAllClose(new double[] {1.1, 0}, new Hinge().reduction("none").apply(Y_TRUE, Y_PRED, w), 1e-6);
        assertClose(0.0, new Hinge().apply(Y_TRUE, Y_PRED, Tensor.scalar(0, DType.FLOAT32)), 0);
    }

    @Test void signedLabelsAreKept() {
        // -1 and 1 given directly: same result as the converted 0/1 labels.
        Tensor signed = f32(new double[][] {{-1, 1}, {-1, -1}});
        assertAllClose(new double[] {1.1, 1.5}, Losses.hinge(signed, Y_PRED), 1e-6);
    }

    @Test void nonBinaryLabelsAreNotConverted() {
        // Labels 0.5 and 1 are not all in {0, 1}: max(1 - 0.5 * 2, 0) = 0 and max(1 - 1 * -3, 0) = 4.
        assertClose(2.0, Losses.hinge(f64(0.5, 1), f64(2, -3)), 1e-12);
    }

    @Test void config() {
        Hinge loss = new Hinge().reduction("sum");
        assertEquals(Map.of("name", "hinge", "reduction", "sum"), loss.getConfig());
        assertEquals(loss.getConfig(), Hinge.fromConfig(loss.getConfig()).getConfig());
    }
}
