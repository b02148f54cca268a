package io.keras4j.losses;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.assertClose;
import static io.keras4j.losses.LossChecks.f32;
import static io.keras4j.losses.LossChecks.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values from Keras's tests and from mean((log(max(p, eps) + 1) - log(max(t, eps) + 1))^2). */
class MeanSquaredLogarithmicErrorTest {
    static final Tensor Y_TRUE = ints(new int[][] {{1, 9, 2}, {-5, -2, 6}});
    static final Tensor Y_PRED = f32(new double[][] {{4, 8, 12}, {8, 1, 3}});

    private static double term(double t, double p) {
        double d = Math.log(Math.max(p, 1e-7) + 1) - Math.log(Math.max(t, 1e-7) + 1);
        return d * d;
    }

    @Test void kerasValues() {
        assertClose(1.4370, new MeanSquaredLogarithmicError().apply(Y_TRUE, Y_PRED), 1e-4);
        assertClose(3.3051, new MeanSquaredLogarithmicError().apply(Y_TRUE, Y_PRED, Tensor.scalar(2.3, DType.FLOAT32)), 1e-4);
    }

    @Test void formulaClipsNegativeValuesToEpsilon() {
        double[] expected = {
                (term(1, 4) + term(9, 8) + term(2, 12)) / 3,
                (term(-5, 8) + term(-2, 1) + term(6, 3)) / 3};
        assertAllClose(expected, new MeanSquaredLogarithmicError().reduction("none").apply(Y_TRUE, Y_PRED), 1e-6);
    }

    @Test void config() {
        MeanSquaredLogarithmicError loss = new MeanSquaredLogarithmicError().name("mysloge");
        assertEquals(Map.of("name", "mysloge", "reduction", "sum_over_batch_size"), loss.getConfig());
        assertEquals(loss.getConfig(), MeanSquaredLogarithmicError.fromConfig(loss.getConfig()).getConfig());
    }
}
