package io.keras4j.losses;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.keras4j.losses.LossChecks.allFinite;
import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.assertClose;
import static io.keras4j.losses.LossChecks.f32;
import static io.keras4j.losses.LossChecks.f64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values from sum(t log(t / p)) with t and p clipped to [1e-7, 1], as Keras's tests compute them. */
class KLDivergenceTest {
    private static double kl(double[] t, double[] p) {
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            double tc = Math.min(Math.max(t[i], 1e-7), 1), pc = Math.min(Math.max(p[i], 1e-7), 1);
            s += tc * Math.log(tc / pc);
        }
        return s;
    }

    @Test void kerasTestInputs() {
        double[][] t = {{0.5, 0.8, 0.12}, {0.7, 0.43, 0.8}};
        double[][] p = {{0.4, 0.9, 0.12}, {0.36, 0.3, 0.4}};
        double[] expected = {kl(t[0], p[0]), kl(t[1], p[1])};
        assertAllClose(expected, new KLDivergence().reduction("none").apply(f64(t), f64(p)), 1e-12);
        assertClose((expected[0] + expected[1]) / 2, new KLDivergence().apply(f32(t), f32(p)), 1e-5);
    }

    @Test void zerosAreClippedToEpsilon() {
        double[] t = {0, 1}, p = {0.5, 0};
        Tensor loss = Losses.klDivergence(f64(t), f64(p));
        assertTrue(allFinite(loss));
        // 1e-7 log(2e-7) + log(1e7).
        assertClose(kl(t, p), loss, 1e-12);
        assertClose(1e-7 * Math.log(1e-7 / 0.5) + Math.log(1e7), loss, 1e-12);
    }

    @Test void config() {
        KLDivergence loss = new KLDivergence().reduction("sum").name("kld");
        assertEquals(Map.of("name", "kld", "reduction", "sum"), loss.getConfig());
        assertEquals(loss.getConfig(), KLDivergence.fromConfig(loss.getConfig()).getConfig());
        assertEquals("kl_divergence", new KLDivergence().name());
    }
}
