package io.keras4j.activations;

import io.keras4j.autodiff.GradientTape;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tape gradients of every activation against float64 central finite differences. The loss is
 * {@code sum(w * f(x))} with uneven weights {@code w}, so per-axis functions (whose plain sum can
 * be constant, as softmax's is) are checked through their whole Jacobian. Inputs avoid the kinks of
 * the piecewise functions (0, ±0.5, ±1, ±3, 6).
 */
class ActivationsGradientTest {
    private static final double[] X = {-4.2, -2.7, -1.3, -0.8, -0.3, -0.05, 0.12, 0.41, 0.77, 1.6, 2.2, 3.4};
    private static final double H = 1e-5;

    private static double loss(UnaryOperator<Tensor> f, Tensor x, Tensor w) { return Ops.sum(Ops.multiply(f.apply(x), w)).item(); }

    private static Tensor weights(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = 0.3 + 0.17 * i - 0.011 * i * i;
        return Tensor.of(w, 3, 4);
    }

    static void checkGradient(String label, UnaryOperator<Tensor> f, double[] x0) {
        Tensor x = Tensor.of(x0, 3, 4);
        Tensor w = weights(x0.length);
        Tensor g;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor loss = Ops.sum(Ops.multiply(f.apply(x), w));
            g = tape.gradient(loss, x);
        }
        assertNotNull(g, label + ": no gradient");
        for (int i = 0; i < x0.length; i++) {
            double[] plus = x0.clone(), minus = x0.clone();
            plus[i] += H;
            minus[i] -= H;
            double fd = (loss(f, Tensor.of(plus, 3, 4), w) - loss(f, Tensor.of(minus, 3, 4), w)) / (2 * H);
            double a = g.getDouble(i);
            double err = Math.abs(a - fd) / Math.max(Math.max(Math.abs(a), Math.abs(fd)), 1e-3);
            assertTrue(err < 1e-6, label + " at x[" + i + "] = " + x0[i] + ": tape " + a + ", finite difference " + fd);
        }
    }

    static Stream<Object[]> activations() {
        return Stream.of(
                new Object[] {"relu", (UnaryOperator<Tensor>) Activations::relu},
                new Object[] {"relu(slope, max, threshold)", (UnaryOperator<Tensor>) x -> Activations.relu(x, 0.1, 2.0, 0.25)},
                new Object[] {"relu6", (UnaryOperator<Tensor>) x -> Activations.relu6(Ops.multiply(x, 2))},
                new Object[] {"leaky_relu", (UnaryOperator<Tensor>) Activations::leakyRelu},
                new Object[] {"elu", (UnaryOperator<Tensor>) x -> Activations.elu(x, 0.7)},
                new Object[] {"selu", (UnaryOperator<Tensor>) Activations::selu},
                new Object[] {"celu", (UnaryOperator<Tensor>) x -> Activations.celu(x, 1.5)},
                new Object[] {"threshold", (UnaryOperator<Tensor>) x -> Activations.threshold(x, 0.2, -1)},
                new Object[] {"sigmoid", (UnaryOperator<Tensor>) Activations::sigmoid},
                new Object[] {"log_sigmoid", (UnaryOperator<Tensor>) Activations::logSigmoid},
                new Object[] {"tanh", (UnaryOperator<Tensor>) Activations::tanh},
                new Object[] {"tanh_shrink", (UnaryOperator<Tensor>) Activations::tanhShrink},
                new Object[] {"softplus", (UnaryOperator<Tensor>) Activations::softplus},
                new Object[] {"softsign", (UnaryOperator<Tensor>) Activations::softsign},
                new Object[] {"silu", (UnaryOperator<Tensor>) Activations::silu},
                new Object[] {"gelu", (UnaryOperator<Tensor>) Activations::gelu},
                new Object[] {"gelu(approximate)", (UnaryOperator<Tensor>) x -> Activations.gelu(x, true)},
                new Object[] {"mish", (UnaryOperator<Tensor>) Activations::mish},
                new Object[] {"squareplus", (UnaryOperator<Tensor>) Activations::squareplus},
                new Object[] {"exponential", (UnaryOperator<Tensor>) Activations::exponential},
                new Object[] {"linear", (UnaryOperator<Tensor>) x -> Activations.linear(Ops.multiply(x, 1.0))},
                new Object[] {"hard_sigmoid", (UnaryOperator<Tensor>) Activations::hardSigmoid},
                new Object[] {"hard_silu", (UnaryOperator<Tensor>) Activations::hardSilu},
                new Object[] {"hard_tanh", (UnaryOperator<Tensor>) Activations::hardTanh},
                new Object[] {"hard_shrink", (UnaryOperator<Tensor>) Activations::hardShrink},
                new Object[] {"soft_shrink", (UnaryOperator<Tensor>) Activations::softShrink},
                new Object[] {"sparse_plus", (UnaryOperator<Tensor>) Activations::sparsePlus},
                new Object[] {"sparse_sigmoid", (UnaryOperator<Tensor>) Activations::sparseSigmoid},
                new Object[] {"softmax", (UnaryOperator<Tensor>) Activations::softmax},
                new Object[] {"softmax(axis=0)", (UnaryOperator<Tensor>) x -> Activations.softmax(x, 0)},
                new Object[] {"log_softmax", (UnaryOperator<Tensor>) Activations::logSoftmax},
                new Object[] {"glu", (UnaryOperator<Tensor>) x -> Ops.concatenate(java.util.List.of(Activations.glu(x), Activations.glu(x)), -1)},
                new Object[] {"sparsemax", (UnaryOperator<Tensor>) Activations::sparsemax},
                new Object[] {"sparsemax(axis=0)", (UnaryOperator<Tensor>) x -> Activations.sparsemax(x, 0)});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void gradientMatchesFiniteDifferences(String name, UnaryOperator<Tensor> f) { checkGradient(name, f, X); }

    /** At large magnitudes the gradients stay finite and take their limits (no 0 * inf). */
    @Test void gradientsAtLargeMagnitudesAreFinite() {
        double[] big = {-800, -100, -40, 40, 100, 800, -750, 750, -90, 90, -30, 30};
        for (String name : new String[] {"sigmoid", "softplus", "elu", "selu", "celu", "silu", "mish", "gelu", "log_sigmoid", "tanh", "softsign", "softmax"}) {
            Tensor x = Tensor.of(big, 3, 4);
            Tensor g;
            try (GradientTape tape = new GradientTape()) {
                tape.watch(x);
                g = tape.gradient(Ops.sum(Activations.get(name).apply(x)), x);
            }
            for (int i = 0; i < g.size(); i++) assertFalse(Double.isNaN(g.getDouble(i)) || Double.isInfinite(g.getDouble(i)), name + " gradient at " + big[i] + " is " + g.getDouble(i));
        }
        Tensor x = Tensor.of(new double[] {-800, 800});
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            Tensor g = tape.gradient(Ops.sum(Activations.elu(x)), x);
            assertEquals(0.0, g.getDouble(0), 1e-300);
            assertEquals(1.0, g.getDouble(1));
        }
    }

    /** get(name, kwargs) returns functions the tape differentiates too. */
    @Test void resolvedFunctionsAreDifferentiable() {
        checkGradient("get(relu, alpha)", Activations.get("relu", Map.of("alpha", 0.3))::apply, X);
        checkGradient("get(elu, alpha)", Activations.get("elu", Map.of("alpha", 0.5))::apply, X);
    }
}
