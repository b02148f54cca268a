package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keras4j.optimizers.OptimizerChecks.*;
import static org.junit.jupiter.api.Assertions.*;

class RMSpropTest {
    private static final double[][] GRADS = {{0.5, -1, 2}, {1, 0.25, -1}, {-0.25, 3, 0}, {2, -2, 0.5}};

    /** Keras's RMSprop written out, for every combination of centered and momentum. */
    private static void check(RMSprop rms, double lr, double rho, double momentum, double eps, boolean centered) {
        Variable w = variable("w", 1, -2, 3);
        double[] e = {1, -2, 3}, v = new double[3], mom = new double[3], avg = new double[3];
        double r = f32(lr);
        for (double[] g : GRADS) {
            step(rms, w, g);
            for (int i = 0; i < 3; i++) {
                v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
                double denom;
                if (centered) {
                    avg[i] = rho * avg[i] + (1 - rho) * g[i];
                    denom = v[i] - avg[i] * avg[i] + eps;
                } else {
                    denom = v[i] + eps;
                }
                double increment = r * g[i] / Math.sqrt(denom);
                if (momentum > 0) {
                    mom[i] = momentum * mom[i] + increment;
                    e[i] -= mom[i];
                } else {
                    e[i] -= increment;
                }
            }
            assertValues(e, w, 1e-6);
        }
        assertValues(v, rms.variables().get(2), 1e-6);
    }

    @Test void defaults() {
        check(new RMSprop(), 0.001, 0.9, 0, 1e-7, false);
    }

    @Test void customRhoAndEpsilon() {
        check(new RMSprop().learningRate(0.05).rho(0.5).epsilon(1e-2), 0.05, 0.5, 0, 1e-2, false);
    }

    @Test void centered() {
        check(new RMSprop().learningRate(0.01).centered(true), 0.01, 0.9, 0, 1e-7, true);
    }

    @Test void momentum() {
        check(new RMSprop().learningRate(0.01).momentum(0.8), 0.01, 0.9, 0.8, 1e-7, false);
    }

    @Test void centeredWithMomentum() {
        check(new RMSprop().learningRate(0.01).momentum(0.5).centered(true).rho(0.8), 0.01, 0.8, 0.5, 1e-7, true);
    }

    @Test void matchesKerasSingleStep() {
        assertKerasSingleStep(new RMSprop().learningRate(0.5), -0.5811, 0.4189, 1.4189, 2.4189);
    }

    @Test void matchesKerasGoldenCentered() {
        assertKerasGolden(new RMSprop().centered(true), new double[][] {{0.9967}, {0.9933}, {0.9908}, {0.9885}, {0.9864}});
    }

    @Test void slotGroupsFollowKerasOrder() {
        RMSprop rms = new RMSprop().momentum(0.9).centered(true);
        rms.build(List.of(variable("a", 1), variable("b", 2)));
        assertEquals(List.of("iteration", "learning_rate", "a_velocity", "b_velocity", "a_momentum", "b_momentum",
                "a_average_gradient", "b_average_gradient"), names(rms));
        RMSprop plain = new RMSprop();
        plain.build(List.of(variable("a", 1)));
        assertEquals(List.of("iteration", "learning_rate", "a_velocity"), names(plain));
    }

    @Test void configHasKerasKeysAndDefaults() {
        RMSprop rms = new RMSprop();
        assertEquals(baseConfig(rms.name(), 0.001, "rho", 0.9, "momentum", 0.0, "epsilon", 1e-7, "centered", false),
                rms.getConfig());
        assertTrue(rms.name().matches("rm_sprop(_\\d+)?"), rms.name()); // Keras's to_snake_case("RMSprop")
    }

    @Test void configRoundTrips() {
        RMSprop rms = new RMSprop().rho(0.7).momentum(0.2).centered(true).epsilon(1e-4);
        assertEquals(rms.getConfig(), RMSprop.fromConfig(rms.getConfig()).getConfig());
    }
}
