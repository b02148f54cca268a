package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keras4j.optimizers.OptimizerChecks.*;
import static org.junit.jupiter.api.Assertions.*;

class AdadeltaTest {
    private static final double[][] GRADS = {{0.5, -1, 2}, {1, 0.25, -1}, {-0.25, 3, 0}, {2, -2, 0.5}};

    private static void check(Adadelta adadelta, double lr, double rho, double eps) {
        Variable w = variable("w", 1, -2, 3);
        double[] e = {1, -2, 3}, accGrad = new double[3], accDelta = new double[3];
        double r = f32(lr);
        for (double[] g : GRADS) {
            step(adadelta, w, g);
            for (int i = 0; i < 3; i++) {
                accGrad[i] = rho * accGrad[i] + (1 - rho) * g[i] * g[i];
                double delta = -Math.sqrt(accDelta[i] + eps) * g[i] / Math.sqrt(accGrad[i] + eps);
                accDelta[i] = rho * accDelta[i] + (1 - rho) * delta * delta;
                e[i] += r * delta;
            }
            assertValues(e, w, 1e-6);
        }
        assertValues(accGrad, adadelta.variables().get(2), 1e-6);
        assertValues(accDelta, adadelta.variables().get(3), 1e-6);
    }

    @Test void defaults() {
        check(new Adadelta(), 0.001, 0.95, 1e-7);
    }

    @Test void paperSettings() {
        check(new Adadelta().learningRate(1.0).rho(0.8).epsilon(1e-6), 1.0, 0.8, 1e-6);
    }

    @Test void matchesKerasSingleStep() {
        assertKerasSingleStep(new Adadelta().learningRate(0.5), 0.9993, 1.9993, 2.9993, 3.9993);
    }

    @Test void matchesKerasGolden() {
        assertKerasGolden(new Adadelta().learningRate(1.0).rho(0.8).epsilon(1e-6),
                new double[][] {{0.9978}, {0.9947}, {0.9915}, {0.9882}, {0.9849}});
    }

    @Test void slotsAreInterleaved() {
        Adadelta adadelta = new Adadelta();
        adadelta.build(List.of(variable("a", 1), variable("b", 1)));
        assertEquals(List.of("iteration", "learning_rate", "a_accumulated_grad", "a_accumulated_delta_var",
                "b_accumulated_grad", "b_accumulated_delta_var"), names(adadelta));
    }

    @Test void configHasKerasKeysAndDefaults() {
        Adadelta adadelta = new Adadelta();
        assertEquals(baseConfig(adadelta.name(), 0.001, "rho", 0.95, "epsilon", 1e-7), adadelta.getConfig());
    }
}
