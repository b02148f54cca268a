package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.keras4j.optimizers.OptimizerChecks.*;
import static org.junit.jupiter.api.Assertions.*;

class NadamTest {
    private static final double[][] GRADS = {{0.5, -1, 2}, {1, 0.25, -1}, {-0.25, 3, 0}, {2, -2, 0.5}};

    /** Keras's Nadam written out with Dozat's momentum schedule mu_t = beta_1 * (1 - 0.5 * 0.96^t). */
    private static void check(Nadam nadam, double lr, double b1, double b2, double eps) {
        Variable w = variable("w", 1, -2, 3);
        double[] e = {1, -2, 3}, m = new double[3], v = new double[3];
        double r = f32(lr), product = 1;
        int t = 0;
        for (double[] g : GRADS) {
            step(nadam, w, g);
            t++;
            double muT = b1 * (1 - 0.5 * Math.pow(0.96, t));
            double muNext = b1 * (1 - 0.5 * Math.pow(0.96, t + 1));
            product *= muT;
            double productNext = product * muNext;
            for (int i = 0; i < 3; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = muNext * m[i] / (1 - productNext) + (1 - muT) * g[i] / (1 - product);
                double vHat = v[i] / (1 - Math.pow(b2, t));
                e[i] -= r * mHat / (Math.sqrt(vHat) + eps);
            }
            assertValues(e, w, 1e-6);
        }
        List<Variable> vars = nadam.variables();
        assertValues(new double[] {product}, vars.get(vars.size() - 1), 1e-12);
    }

    @Test void defaults() {
        check(new Nadam(), 0.001, 0.9, 0.999, 1e-7);
    }

    @Test void customHyperparameters() {
        check(new Nadam().learningRate(0.5).beta1(0.5).beta2(0.67).epsilon(1e-5), 0.5, 0.5, 0.67, 1e-5);
    }

    @Test void matchesKerasSingleStep() {
        assertKerasSingleStep(new Nadam().learningRate(0.5), 0.4686, 1.4686, 2.4686, 3.4686);
    }

    @Test void matchesKerasGolden() {
        assertKerasGolden(new Nadam().learningRate(0.5).beta1(0.5).beta2(0.67).epsilon(1e-5), new double[][] {
                {0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281},
                {-0.1738, -0.1731, -0.1726, -0.1723, -0.1721, -0.172, -0.1719, -0.1718, -0.1718, -0.1717},
                {-0.7115, -0.7103, -0.7096, -0.7092, -0.709, -0.7088, -0.7086, -0.7085, -0.7085, -0.7084},
                {-1.2335, -1.2322, -1.2313, -1.2309, -1.2306, -1.2304, -1.2302, -1.2301, -1.23, -1.2299},
                {-1.7492, -1.7478, -1.7469, -1.7464, -1.7461, -1.7459, -1.7457, -1.7456, -1.7455, -1.7454}});
    }

    @Test void momentumProductIsSharedAndUpdatedOncePerStep() {
        Nadam nadam = new Nadam();
        Variable a = variable("a", 1), b = variable("b", 2);
        nadam.apply(List.of(io.keras4j.tensor.Tensor.of(new double[] {1}), io.keras4j.tensor.Tensor.of(new double[] {1})),
                List.of(a, b));
        assertEquals(List.of("iteration", "learning_rate", "a_momentum", "a_velocity", "b_momentum", "b_velocity", "variable"),
                names(nadam));
        assertEquals(0.9 * (1 - 0.5 * 0.96), nadam.variables().get(6).peek().item(), 1e-15);
    }

    @Test void configHasKerasKeysAndDefaults() {
        Nadam nadam = new Nadam();
        assertEquals(baseConfig(nadam.name(), 0.001, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7), nadam.getConfig());
    }
}
