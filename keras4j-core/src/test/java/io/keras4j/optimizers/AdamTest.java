package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keras4j.optimizers.OptimizerChecks.*;
import static org.junit.jupiter.api.Assertions.*;

class AdamTest {
    // The last gradient is smaller than the earlier ones, so AMSGrad's max(v_hat, v) matters.
    private static final double[][] GRADS = {{0.5, -1, 2}, {1, 0.25, -1}, {-0.25, 3, 0}, {0.01, -0.02, 0.05}};

    /** Keras's Adam written out: bias correction in the step size, epsilon outside the root. */
    private static void reference(double lr, double b1, double b2, double eps, boolean amsgrad,
                                  double[] w, double[] m, double[] v, double[] vHat, double[] g, int t) {
        double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
        for (int i = 0; i < w.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            double denom = v[i];
            if (amsgrad) {
                vHat[i] = Math.max(vHat[i], v[i]);
                denom = vHat[i];
            }
            w[i] -= alpha * m[i] / (Math.sqrt(denom) + eps);
        }
    }

    private static void check(Adam adam, double lr, double b1, double b2, double eps, boolean amsgrad) {
        Variable w = variable("w", 1, -2, 3);
        double[] e = {1, -2, 3}, m = new double[3], v = new double[3], vHat = new double[3];
        int t = 0;
        for (double[] g : GRADS) {
            step(adam, w, g);
            reference(f32(lr), b1, b2, eps, amsgrad, e, m, v, vHat, g, ++t);
            assertValues(e, w, 1e-6);
        }
        assertValues(m, adam.variables().get(2), 1e-6);
        assertValues(v, adam.variables().get(3), 1e-6);
    }

    @Test void defaultsFollowKerasFormula() {
        check(new Adam(), 0.001, 0.9, 0.999, 1e-7, false);
    }

    @Test void customHyperparameters() {
        check(new Adam().learningRate(0.1).beta1(0.5).beta2(0.75).epsilon(1e-3), 0.1, 0.5, 0.75, 1e-3, false);
    }

    @Test void amsgradUsesRunningMaximumOfVelocity() {
        Adam adam = new Adam().learningRate(0.1).beta2(0.5).amsgrad(true);
        check(adam, 0.1, 0.9, 0.5, 1e-7, true);
        // v_hat kept the larger earlier velocity: the last gradients are tiny, v fell below it.
        double[] v = adam.variables().get(3).peek().toDoubleArray(), vHat = adam.variables().get(4).peek().toDoubleArray();
        assertTrue(vHat[1] > v[1], "v_hat " + vHat[1] + " v " + v[1]);
    }

    @Test void matchesKerasSingleStep() {
        assertKerasSingleStep(new Adam().learningRate(0.5), 0.5, 1.5, 2.5, 3.5);
    }

    @Test void matchesKerasGoldenWithAmsgrad() {
        assertKerasGolden(new Adam().amsgrad(true), new double[][] {{0.999}, {0.9982}, {0.9974}, {0.9965}, {0.9955}});
    }

    @Test void slotsAreInterleavedThenVelocityHats() {
        Adam adam = new Adam().amsgrad(true);
        adam.build(List.of(variable("k", 1, 2), variable("b", 0)));
        assertEquals(List.of("iteration", "learning_rate", "k_momentum", "k_velocity", "b_momentum", "b_velocity",
                "k_velocity_hat", "b_velocity_hat"), names(adam));
        assertEquals(List.of("iteration", "learning_rate", "k_momentum", "k_velocity"),
                names(buildOn(new Adam(), variable("k", 1))));
    }

    private static Optimizer buildOn(Optimizer o, Variable v) {
        o.build(List.of(v));
        return o;
    }

    @Test void amsgradCannotChangeAfterBuild() {
        Adam adam = new Adam();
        adam.apply(List.of(Tensor.of(new double[] {1})), List.of(variable("w", 1)));
        assertThrows(IllegalStateException.class, () -> adam.amsgrad(true));
    }

    @Test void configHasKerasKeysAndDefaults() {
        Adam adam = new Adam();
        assertEquals(baseConfig(adam.name(), 0.001, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7, "amsgrad", false),
                adam.getConfig());
        // Keras keeps the learning rate in float32, and its saved configs show it so.
        assertEquals(0.0010000000474974513, adam.getConfig().get("learning_rate"));
    }

    @Test void configRoundTrips() {
        Adam adam = new Adam().beta1(0.8).beta2(0.9).epsilon(1e-5).amsgrad(true).globalClipnorm(3).weightDecay(0.01);
        assertEquals(adam.getConfig(), Adam.fromConfig(adam.getConfig()).getConfig());
    }
}
