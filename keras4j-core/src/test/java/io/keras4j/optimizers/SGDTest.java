package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keras4j.optimizers.OptimizerChecks.*;
import static org.junit.jupiter.api.Assertions.*;

class SGDTest {
    private static final double[][] GRADS = {{0.5, -1, 2}, {1, 1, -1}, {-0.25, 3, 0}, {2, -2, 0.5}};

    @Test void plainStepIsLearningRateTimesGradient() {
        Variable w = variable("w", 1, -2, 3);
        SGD sgd = new SGD().learningRate(0.1);
        double lr = f32(0.1);
        double[] e = {1, -2, 3};
        for (double[] g : GRADS) {
            step(sgd, w, g);
            for (int i = 0; i < 3; i++) e[i] = e[i] - lr * g[i];
            assertValues(e, w, 1e-6);
        }
        assertEquals(GRADS.length, sgd.iterations());
    }

    @Test void momentumAccumulatesVelocity() {
        Variable w = variable("w", 1, -2, 3);
        SGD sgd = new SGD().learningRate(0.1).momentum(0.9);
        double lr = f32(0.1);
        double[] e = {1, -2, 3}, velocity = new double[3];
        for (double[] g : GRADS) {
            step(sgd, w, g);
            for (int i = 0; i < 3; i++) {
                velocity[i] = 0.9 * velocity[i] - lr * g[i];
                e[i] += velocity[i];
            }
            assertValues(e, w, 1e-6);
            assertValues(velocity, sgd.variables().get(2), 1e-6);
        }
    }

    @Test void nesterovLooksAhead() {
        Variable w = variable("w", 1, -2, 3);
        SGD sgd = new SGD().learningRate(0.1).momentum(0.8).nesterov(true);
        double lr = f32(0.1);
        double[] e = {1, -2, 3}, velocity = new double[3];
        for (double[] g : GRADS) {
            step(sgd, w, g);
            for (int i = 0; i < 3; i++) {
                velocity[i] = 0.8 * velocity[i] - lr * g[i];
                e[i] += 0.8 * velocity[i] - lr * g[i];
            }
            assertValues(e, w, 1e-6);
        }
    }

    @Test void nesterovWithoutMomentumIsPlainSgd() {
        Variable a = variable("a", 1, 2), b = variable("b", 1, 2);
        SGD plain = new SGD(), nesterov = new SGD().nesterov(true);
        for (double[] g : new double[][] {{1, -1}, {0.5, 2}}) {
            step(plain, a, g);
            step(nesterov, b, g);
        }
        assertArrayEquals(a.peek().toDoubleArray(), b.peek().toDoubleArray());
    }

    @Test void float32VariablesAreUpdatedInFloat32() {
        Variable w = new Variable("w", Tensor.of(new float[] {1, -2, 3}), true);
        SGD sgd = new SGD().learningRate(0.1).momentum(0.9);
        double lr = f32(0.1);
        double[] e = {1, -2, 3}, velocity = new double[3];
        for (double[] g : GRADS) {
            sgd.apply(List.of(Tensor.of(new float[] {(float) g[0], (float) g[1], (float) g[2]})), List.of(w));
            for (int i = 0; i < 3; i++) {
                velocity[i] = 0.9 * velocity[i] - lr * g[i];
                e[i] += velocity[i];
            }
        }
        assertEquals(DType.FLOAT32, w.dtype());
        assertValues(e, w, 1e-5);
    }

    @Test void matchesKerasSingleStep() {
        assertKerasSingleStep(new SGD().learningRate(0.5), 0.5, -1.0, -0.5, 3.0);
    }

    @Test void matchesKerasGolden() {
        assertKerasGolden(new SGD().nesterov(true), new double[][] {
                {0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999},
                {0.9989, 0.9979, 0.9969, 0.9959, 0.9949, 0.9939, 0.9929, 0.9919, 0.9909, 0.9899},
                {0.9979, 0.9959, 0.9939, 0.9919, 0.9899, 0.9879, 0.9859, 0.9839, 0.9819, 0.9799},
                {0.9969, 0.9939, 0.9909, 0.9879, 0.9849, 0.9819, 0.9789, 0.9759, 0.9729, 0.9699},
                {0.9959, 0.9919, 0.9879, 0.9839, 0.9799, 0.9759, 0.9719, 0.9679, 0.9639, 0.9599}});
    }

    @Test void momentumSlotsExistOnlyWithMomentum() {
        Variable kernel = variable("dense/kernel", 1, 2), bias = variable("dense/bias", 0);
        SGD plain = new SGD();
        plain.apply(List.of(Tensor.of(new double[] {1, 1}), Tensor.of(new double[] {1})), List.of(kernel, bias));
        assertEquals(List.of("iteration", "learning_rate"), names(plain));

        SGD withMomentum = new SGD().momentum(0.5);
        withMomentum.build(List.of(kernel, bias));
        assertEquals(List.of("iteration", "learning_rate", "dense_kernel_momentum", "dense_bias_momentum"), names(withMomentum));
        assertEquals(kernel.shape(), withMomentum.variables().get(2).shape());
    }

    @Test void rejectsMomentumOutsideZeroOne() {
        for (double bad : new double[] {-1.0, 2.0, Double.NaN}) {
            var e = assertThrows(IllegalArgumentException.class, () -> new SGD().momentum(bad));
            assertTrue(e.getMessage().startsWith("`momentum` must be a float between [0, 1]."), e.getMessage());
            assertTrue(e.getMessage().contains("momentum=" + bad), e.getMessage());
        }
    }

    @Test void turningMomentumOnAfterBuildFails() {
        SGD sgd = new SGD();
        sgd.build(List.of(variable("w", 1)));
        assertThrows(IllegalStateException.class, () -> sgd.momentum(0.9));
        SGD withMomentum = new SGD().momentum(0.5);
        withMomentum.build(List.of(variable("w", 1)));
        assertEquals(0.7, withMomentum.momentum(0.7).momentum()); // slots unchanged: allowed
    }

    @Test void configHasKerasKeysAndDefaults() {
        SGD sgd = new SGD();
        assertEquals(baseConfig(sgd.name(), 0.01, "momentum", 0.0, "nesterov", false), sgd.getConfig());
        assertEquals("SGD", sgd.className());
        assertTrue(sgd.name().matches("sgd(_\\d+)?"), sgd.name());
    }

    @Test void configRoundTrips() {
        SGD sgd = new SGD().learningRate(0.2).momentum(0.3).nesterov(true).clipvalue(2).name("mine");
        SGD copy = SGD.fromConfig(sgd.getConfig());
        assertEquals(sgd.getConfig(), copy.getConfig());
    }
}
