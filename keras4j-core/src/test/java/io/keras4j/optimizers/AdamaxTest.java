package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keras4j.optimizers.OptimizerChecks.*;
import static org.junit.jupiter.api.Assertions.*;

class AdamaxTest {
    private static final double[][] GRADS = {{0.5, -1, 2}, {1, 0.25, -1}, {-0.25, 3, 0}, {0.01, -0.02, 0.05}};

    private static void check(Adamax adamax, double lr, double b1, double b2, double eps) {
        Variable w = variable("w", 1, -2, 3);
        double[] e = {1, -2, 3}, m = new double[3], u = new double[3];
        double r = f32(lr);
        int t = 0;
        for (double[] g : GRADS) {
            step(adamax, w, g);
            t++;
            for (int i = 0; i < 3; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                u[i] = Math.max(b2 * u[i], Math.abs(g[i]));
                e[i] -= (r / (1 - Math.pow(b1, t))) * m[i] / (u[i] + eps);
            }
            assertValues(e, w, 1e-6);
        }
        assertValues(m, adamax.variables().get(2), 1e-6);
        assertValues(u, adamax.variables().get(3), 1e-6);
    }

    @Test void defaults() {
        check(new Adamax(), 0.001, 0.9, 0.999, 1e-7);
    }

    @Test void customHyperparameters() {
        check(new Adamax().learningRate(0.2).beta1(0.85).beta2(0.5).epsilon(1e-3), 0.2, 0.85, 0.5, 1e-3);
    }

    @Test void matchesKerasSingleStep() {
        assertKerasSingleStep(new Adamax().learningRate(0.5), 0.5, 1.5, 2.5, 3.5);
    }

    @Test void matchesKerasGolden() {
        assertKerasGolden(new Adamax().learningRate(0.2).beta1(0.85).beta2(0.95).epsilon(1e-6), new double[][] {
                {0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8},
                {0.6827, 0.6873, 0.6888, 0.6896, 0.6901, 0.6904, 0.6906, 0.6908, 0.6909, 0.691},
                {0.5333, 0.5407, 0.5431, 0.5444, 0.5451, 0.5456, 0.546, 0.5462, 0.5464, 0.5466},
                {0.368, 0.3773, 0.3804, 0.382, 0.3829, 0.3835, 0.384, 0.3843, 0.3846, 0.3848},
                {0.1933, 0.204, 0.2076, 0.2094, 0.2105, 0.2112, 0.2117, 0.2121, 0.2124, 0.2126}});
    }

    @Test void slotsAreMomentumAndNorm() {
        Adamax adamax = new Adamax();
        adamax.build(List.of(variable("a", 1), variable("b", 1)));
        assertEquals(List.of("iteration", "learning_rate", "a_momentum", "a_norm", "b_momentum", "b_norm"), names(adamax));
    }

    @Test void configHasKerasKeysAndDefaults() {
        Adamax adamax = new Adamax();
        assertEquals(baseConfig(adamax.name(), 0.001, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7), adamax.getConfig());
    }
}
