package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keras4j.optimizers.OptimizerChecks.*;
import static org.junit.jupiter.api.Assertions.*;

class AdagradTest {
    private static final double[][] GRADS = {{0.5, -1, 2}, {1, 0.25, -1}, {-0.25, 3, 0}};

    private static void check(Adagrad adagrad, double lr, double initial, double eps) {
        Variable w = variable("w", 1, -2, 3);
        double[] e = {1, -2, 3}, acc = {initial, initial, initial};
        double r = f32(lr);
        for (double[] g : GRADS) {
            step(adagrad, w, g);
            for (int i = 0; i < 3; i++) {
                acc[i] += g[i] * g[i];
                e[i] -= r * g[i] / Math.sqrt(acc[i] + eps);
            }
            assertValues(e, w, 1e-6);
        }
        assertValues(acc, adagrad.variables().get(2), 1e-6);
    }

    @Test void defaults() {
        check(new Adagrad(), 0.001, 0.1, 1e-7);
    }

    @Test void initialAccumulatorValueAndEpsilon() {
        check(new Adagrad().learningRate(0.2).initialAccumulatorValue(0.3).epsilon(1e-2), 0.2, 0.3, 1e-2);
    }

    @Test void matchesKerasSingleStep() {
        assertKerasSingleStep(new Adagrad().learningRate(0.5), 0.5233, 1.5007, 2.5005, 3.5061);
    }

    @Test void matchesKerasGolden() {
        assertKerasGolden(new Adagrad().learningRate(0.2).initialAccumulatorValue(0.3).epsilon(1e-6), new double[][] {
                {0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963},
                {0.9604, 0.9278, 0.9003, 0.8784, 0.8615, 0.8487, 0.8388, 0.8313, 0.8255, 0.8209},
                {0.9251, 0.8629, 0.8137, 0.7768, 0.7497, 0.7298, 0.7151, 0.704, 0.6956, 0.6891},
                {0.8903, 0.8012, 0.7342, 0.6862, 0.6521, 0.6277, 0.6099, 0.5967, 0.5867, 0.579},
                {0.856, 0.7422, 0.6604, 0.6037, 0.5644, 0.5367, 0.5168, 0.5021, 0.491, 0.4825}});
    }

    @Test void accumulatorSlotsStartAtInitialValue() {
        Adagrad adagrad = new Adagrad().initialAccumulatorValue(0.25);
        adagrad.build(List.of(variable("dense/kernel", 0, 0)));
        assertEquals(List.of("iteration", "learning_rate", "dense_kernel_accumulator"), names(adagrad));
        assertArrayEquals(new double[] {0.25, 0.25}, adagrad.variables().get(2).peek().toDoubleArray());
        assertThrows(IllegalStateException.class, () -> adagrad.initialAccumulatorValue(1));
    }

    @Test void configHasKerasKeysAndDefaults() {
        Adagrad adagrad = new Adagrad();
        assertEquals(baseConfig(adagrad.name(), 0.001, "initial_accumulator_value", 0.1, "epsilon", 1e-7), adagrad.getConfig());
    }
}
