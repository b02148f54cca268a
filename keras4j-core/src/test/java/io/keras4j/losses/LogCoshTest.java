package io.keras4j.losses;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.keras4j.losses.LossChecks.allFinite;
import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.assertClose;
import static io.keras4j.losses.LossChecks.f32;
import static io.keras4j.losses.LossChecks.f64;
import static io.keras4j.losses.LossChecks.tapeGradient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values from Keras's docstring and from log(cosh(p - t)) computed directly. */
class LogCoshTest {
    @Test void docstringExample() {
        Tensor yTrue = f32(new double[][] {{0, 1}, {0, 0}});
        Tensor yPred = f32(new double[][] {{1, 1}, {0, 0}});
        assertClose(0.108, new LogCosh().apply(yTrue, yPred), 2e-3);
        assertClose(Math.log(Math.cosh(1)) / 4, new LogCosh().apply(yTrue, yPred), 1e-6);
    }

    @Test void formula() {
        double[][] t = {{1, 9, 2}, {-5, -2, 6}};
        double[][] p = {{4, 8, 12}, {8, 1, 3}};
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) expected[i] += Math.log(Math.cosh(p[i][j] - t[i][j])) / 3;
        assertAllClose(expected, new LogCosh().reduction("none").apply(f64(t), f64(p)), 1e-12);
    }

    @Test void largeErrorsStayFiniteInFloat32() {
        // cosh(200) overflows float32; log cosh x = |x| - log 2 + log1p(exp(-2|x|)).
        Tensor yPred = f32(new double[][] {{200, -200}});
        Tensor yTrue = f32(new double[][] {{0, 0}});
        Tensor loss = new LogCosh().apply(yTrue, yPred);
        assertClose(200 - Math.log(2), loss, 1e-6);
        Tensor g = tapeGradient(new LogCosh(), yTrue, yPred, null);
        assertTrue(allFinite(g));
        assertAllClose(new double[] {0.5, -0.5}, g, 1e-6); // tanh(±200) / 2
    }

    @Test void gradientAtZeroErrorIsZero() {
        assertAllClose(new double[] {0, 0}, tapeGradient(new LogCosh(), f64(1, 2), f64(1, 2), null), 0);
    }

    @Test void config() {
        LogCosh loss = new LogCosh().reduction("sum").name("logcosh_loss");
        assertEquals(Map.of("name", "logcosh_loss", "reduction", "sum"), loss.getConfig());
        assertEquals(loss.getConfig(), LogCosh.fromConfig(loss.getConfig()).getConfig());
        assertEquals("log_cosh", new LogCosh().name());
    }
}
