package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.keras4j.optimizers.OptimizerChecks.*;
import static org.junit.jupiter.api.Assertions.*;

class AdamWTest {

    @Test void decaysWeightsBeforeTheAdamStep() {
        double lr = 0.01, wd = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        AdamW adamw = new AdamW().learningRate(lr).weightDecay(wd);
        Variable w = variable("w", 1, -2, 3);
        double[][] grads = {{0.5, -1, 2}, {1, 0.25, -1}, {-0.25, 3, 0}};
        double[] e = {1, -2, 3}, m = new double[3], v = new double[3];
        double r = f32(lr);
        int t = 0;
        for (double[] g : grads) {
            step(adamw, w, g);
            t++;
            double alpha = r * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < 3; i++) {
                e[i] = e[i] - e[i] * wd * r;
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                e[i] -= alpha * m[i] / (Math.sqrt(v[i]) + eps);
            }
            assertValues(e, w, 1e-6);
        }
    }

    @Test void defaultWeightDecayIs0004() {
        AdamW adamw = new AdamW();
        assertEquals(0.004, adamw.weightDecay());
        assertEquals(baseConfig(adamw.name(), 0.001, "weight_decay", 0.004, "beta_1", 0.9, "beta_2", 0.999,
                "epsilon", 1e-7, "amsgrad", false), adamw.getConfig());
        assertEquals("AdamW", adamw.className());
        assertTrue(adamw.name().matches("adam_w(_\\d+)?"), adamw.name());
    }

    @Test void matchesKerasSingleStep() {
        assertKerasSingleStep(new AdamW().learningRate(0.5), 0.4980, 1.4960, 2.494, 3.492);
    }

    @Test void weightDecayNoneIsRejected() {
        Map<String, Object> config = new HashMap<>();
        config.put("weight_decay", null);
        var e = assertThrows(IllegalArgumentException.class, () -> AdamW.fromConfig(config));
        assertEquals("Argument `weight_decay` must be a float. Received: weight_decay=None", e.getMessage());
    }

    @Test void chainsInAnyOrderAndReturnsAdamW() {
        AdamW adamw = new AdamW().clipnorm(1).beta1(0.8).learningRate(0.1).amsgrad(true);
        assertEquals(0.8, adamw.beta1());
        assertTrue(adamw.amsgrad());
        assertEquals(1.0, adamw.clipnorm());
    }
}
