package io.keras4j.activations;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values of each activation against (a) the examples printed in Keras's own docstrings and (b) the
 * Keras 3 definition evaluated here in plain double arithmetic, over inputs that include large
 * magnitudes where a naive float32 formula overflows.
 */
class ActivationsTest {
    /** Inputs for the elementwise checks: both signs, near the kinks, and large magnitudes. */
    private static final double[] XS = {-100, -20, -6.5, -3.2, -2.9, -1.7, -0.9, -0.45, -0.1, 0, 0.2, 0.6, 1.4, 2.5, 3.3, 7, 25, 100};

    private static void assertClose(double[] expected, Tensor actual, double tol) {
        assertEquals(expected.length, actual.size(), "size");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual.getDouble(i);
            assertTrue(Math.abs(a - e) <= tol * (1 + Math.abs(e)), "element " + i + ": expected " + e + " but was " + a);
        }
    }

    private static double[] map(double[] xs, DoubleUnaryOperator f) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) out[i] = f.applyAsDouble(xs[i]);
        return out;
    }

    private static float[] floats(double[] xs) {
        float[] f = new float[xs.length];
        for (int i = 0; i < xs.length; i++) f[i] = (float) xs[i];
        return f;
    }

    /** Checks an activation in float64 (tight) and float32 (float precision, and no overflow). */
    private static void check(UnaryOperator<Tensor> activation, DoubleUnaryOperator definition) {
        double[] expected = map(XS, definition);
        Tensor y64 = activation.apply(Tensor.of(XS));
        assertEquals(DType.FLOAT64, y64.dtype());
        assertClose(expected, y64, 1e-12);
        Tensor y32 = activation.apply(Tensor.of(floats(XS)));
        assertEquals(DType.FLOAT32, y32.dtype());
        assertClose(expected, y32, 2e-6);
    }

    private static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }

    private static double softplus(double x) { return x > 30 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)); }

    // ------------------------------------------------------------------ Keras docstring examples

    @Test void reluDocstringExamples() {
        Tensor x = Tensor.of(new double[] {-10, -5, 0, 5, 10});
        assertClose(new double[] {0, 0, 0, 5, 10}, Activations.relu(x), 0);
        assertClose(new double[] {-5, -2.5, 0, 5, 10}, Activations.relu(x, 0.5, null, 0), 0);
        assertClose(new double[] {0, 0, 0, 5, 5}, Activations.relu(x, 0, 5.0, 0), 0);
        assertClose(new double[] {0, 0, 0, 0, 10}, Activations.relu(x, 0, null, 5), 0);
    }

    @Test void opsDocstringExamples() {
        Tensor m6 = Tensor.of(new double[] {-6, 1, 0, 1, 6});
        assertClose(new double[] {0.00247262, 0.7310586, 0.5, 0.7310586, 0.9975274}, Activations.sigmoid(m6), 1e-7);
        assertClose(new double[] {-0.0148357, 0.7310586, 0.0, 0.7310586, 5.9851646}, Activations.silu(m6), 1e-7);
        assertClose(new double[] {0, 1, 0.5, 1, 1}, Activations.sparseSigmoid(m6), 0);
        assertClose(new double[] {0, 0, 0.1, 0.2, 6, 6}, Activations.relu6(Tensor.of(new double[] {-3, -2, 0.1, 0.2, 6, 8})), 1e-15);
        assertClose(new double[] {0.45366603, 0.6931472, 1.008666}, Activations.softplus(Tensor.of(new double[] {-0.555, 0, 0.555})), 1e-7);
        assertClose(new double[] {-0.09090909, -0.90909094, 0.5, 0, 0.990099},
                Activations.softsign(Tensor.of(new double[] {-0.1, -10, 1, 0, 100})), 1e-7);
        assertClose(new double[] {-1.0000418, -0.6931472, -0.474077, -0.00671535},
                Activations.logSigmoid(Tensor.of(new double[] {-0.541391, 0, 0.5, 5})), 1e-6);
        assertClose(new double[] {-0.0, -0.3333333, 0.0, 0.6666667, 3.0}, Activations.hardSilu(Tensor.of(new double[] {-3, -1, 0, 1, 3})), 1e-7);

        Tensor m101 = Tensor.of(new double[] {-1, 0, 1});
        assertClose(new double[] {-0.5, 0, 0.5}, Activations.softShrink(m101), 1e-15);
        assertClose(new double[] {0, 0.25, 1}, Activations.sparsePlus(m101), 1e-15);
        assertClose(new double[] {0.6180, 1.0000, 1.6180}, Activations.squareplus(m101), 1e-4);
        assertClose(new double[] {-0.2, 0, 1}, Activations.leakyRelu(m101), 1e-15);
        assertClose(new double[] {-0.63212055, 0, 1}, Activations.elu(m101), 1e-8);
        // Keras's printed value was computed in float32: it is 2e-7 from the float64 definition.
        assertClose(new double[] {-1.11133055, 0, 1.05070098}, Activations.selu(m101), 3e-7);
        assertClose(new double[] {-0.15865525, 0, 0.84134475}, Activations.gelu(m101), 1e-8);
        assertClose(new double[] {-0.63212056, 0, 1}, Activations.celu(m101), 1e-8);
        assertClose(new double[] {-0.23840584, 0, 0.23840584}, Activations.tanhShrink(m101), 1e-8);
        assertClose(new double[] {0.09003057, 0.24472847, 0.66524096}, Activations.softmax(m101), 1e-8);
        assertClose(new double[] {-2.40760596, -1.40760596, -0.40760596}, Activations.logSoftmax(m101), 1e-8);
        assertClose(new double[] {0, 0, 1}, Activations.sparsemax(m101), 1e-15);
        assertClose(new double[] {-0.73105858, 0}, Activations.glu(Tensor.of(new double[] {-1, 0, 1, 1})), 1e-8);
        assertClose(new double[] {-1, -1, 0, 1, 1}, Activations.hardTanh(Tensor.of(new double[] {-2, -1, 0, 1, 2})), 0);
        assertClose(new double[] {0, 0, 1}, Activations.hardShrink(Tensor.of(new double[] {-0.5, 0, 1})), 0);
        assertClose(new double[] {0, 0, 0, 2}, Activations.threshold(Tensor.of(new double[] {-1, 0, 1, 2}), 1, 0), 0);
    }

    // ------------------------------------------------------------------ definitions, elementwise

    @Test void sigmoidIsStableAtLargeMagnitudes() {
        check(Activations::sigmoid, ActivationsTest::sigmoid);
        Tensor y = Activations.sigmoid(Tensor.of(new float[] {-100f, 100f}));
        assertEquals(1.0, y.getDouble(1));
        assertTrue(y.getDouble(0) >= 0 && y.getDouble(0) < 1e-40);
    }

    @Test void softplusIsStableAtLargeMagnitudes() {
        check(Activations::softplus, ActivationsTest::softplus);
        Tensor y = Activations.softplus(Tensor.of(new float[] {-100f, 100f}));
        assertEquals(100.0, y.getDouble(1), 1e-5);
        assertTrue(y.getDouble(0) >= 0 && y.getDouble(0) < 1e-40);
    }

    @Test void rectifiers() {
        check(Activations::relu, x -> Math.max(x, 0));
        check(Activations::relu6, x -> Math.min(Math.max(x, 0), 6));
        check(Activations::leakyRelu, x -> x >= 0 ? x : 0.2 * x);
        check(x -> Activations.leakyRelu(x, 0.01), x -> x >= 0 ? x : 0.01 * x);
        check(Activations::elu, x -> x >= 0 ? x : Math.expm1(x));
        check(x -> Activations.elu(x, 0.5), x -> x >= 0 ? x : 0.5 * Math.expm1(x));
        check(Activations::selu, x -> 1.0507009873554805 * (x >= 0 ? x : 1.6732632423543772 * Math.expm1(x)));
        check(x -> Activations.celu(x, 2), x -> x >= 0 ? x : 2 * Math.expm1(x / 2));
        check(x -> Activations.threshold(x, 0.3, -7), x -> x > 0.3 ? x : -7);
    }

    /** Keras's general relu: x above threshold, negative_slope * (x - threshold) below, capped at max_value. */
    @Test void generalRelu() {
        check(x -> Activations.relu(x, 0.1, null, 0), x -> x >= 0 ? x : 0.1 * x);
        check(x -> Activations.relu(x, 0, 6.0, 0), x -> Math.min(Math.max(x, 0), 6));
        check(x -> Activations.relu(x, 0, 0.5, 0), x -> Math.min(Math.max(x, 0), 0.5));
        check(x -> Activations.relu(x, 0, null, 1.0), x -> x > 1 ? x : 0);
        check(x -> Activations.relu(x, 0.3, 2.0, 0), x -> x >= 0 ? Math.min(x, 2) : 0.3 * x);
        check(x -> Activations.relu(x, 0.25, 4.0, 1.0), x -> x > 1 ? Math.min(x, 4) : 0.25 * (x - 1));
    }

    @Test void smoothFunctions() {
        check(Activations::tanh, Math::tanh);
        check(Activations::tanhShrink, x -> x - Math.tanh(x));
        check(Activations::softsign, x -> x / (1 + Math.abs(x)));
        check(Activations::silu, x -> x * sigmoid(x));
        check(Activations::swish, x -> x * sigmoid(x));
        check(Activations::logSigmoid, x -> -softplus(-x));
        check(Activations::mish, x -> x * Math.tanh(softplus(x)));
        check(Activations::squareplus, x -> (x + Math.sqrt(x * x + 4)) / 2);
        check(x -> Activations.squareplus(x, 1), x -> (x + Math.sqrt(x * x + 1)) / 2);
        check(Activations::linear, x -> x);
        check(x -> Activations.gelu(x, true),
                x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
    }

    @Test void exponentialOverflowsLikeExp() {
        double[] xs = {-3, -0.5, 0, 1.2, 20};
        assertClose(map(xs, Math::exp), Activations.exponential(Tensor.of(xs)), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, Activations.exponential(Tensor.of(new float[] {100f})).getDouble(0));
    }

    /** gelu defaults to the exact erf form, which differs from the tanh form by ~1e-4 near |x| = 2. */
    @Test void geluDefaultIsExact() {
        Tensor x = Tensor.of(new double[] {-2, 2});
        // x * Phi(x) with Phi(2) = 0.97724986805182079 (standard normal table).
        assertClose(new double[] {-2 * (1 - 0.97724986805182079), 2 * 0.97724986805182079}, Activations.gelu(x), 1e-12);
        assertTrue(Math.abs(Activations.gelu(x).getDouble(1) - Activations.gelu(x, true).getDouble(1)) > 1e-5);
    }

    @Test void piecewiseLinear() {
        check(Activations::hardSigmoid, x -> Math.min(Math.max(x + 3, 0), 6) / 6);
        check(Activations::hardSigmoidKeras2, x -> Math.min(Math.max(0.2 * x + 0.5, 0), 1));
        check(Activations::hardSilu, x -> x * Math.min(Math.max(x + 3, 0), 6) / 6);
        check(Activations::hardSwish, x -> x * Math.min(Math.max(x + 3, 0), 6) / 6);
        check(Activations::hardTanh, x -> Math.min(Math.max(x, -1), 1));
        check(Activations::hardShrink, x -> Math.abs(x) > 0.5 ? x : 0);
        check(x -> Activations.hardShrink(x, 2), x -> Math.abs(x) > 2 ? x : 0);
        check(Activations::softShrink, x -> x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0);
        check(Activations::sparsePlus, x -> x <= -1 ? 0 : x < 1 ? (x + 1) * (x + 1) / 4 : x);
        check(Activations::sparseSigmoid, x -> x <= -1 ? 0 : x >= 1 ? 1 : 0.5 * (x + 1));
    }

    /** Keras 3 changed hard_sigmoid: at x = 1 it is 2/3, where Keras 2 gave 0.7. */
    @Test void hardSigmoidIsKeras3s() {
        Tensor x = Tensor.of(new double[] {-3, 1, 3});
        assertClose(new double[] {0, 4.0 / 6, 1}, Activations.hardSigmoid(x), 1e-15);
        assertClose(new double[] {0, 0.7, 1}, Activations.hardSigmoidKeras2(x), 1e-15);
    }

    // ------------------------------------------------------------------ along an axis

    @Test void softmaxOfLargeLogitsIsFinite() {
        Tensor x = Tensor.of(new float[] {1000f, 1001f, 1002f, -1000f, -1001f, -1002f}, 2, 3);
        Tensor y = Activations.softmax(x);
        assertClose(new double[] {0.09003057, 0.24472847, 0.66524096, 0.66524096, 0.24472847, 0.09003057}, y, 1e-6);
        Tensor ly = Activations.logSoftmax(x);
        assertClose(new double[] {-2.40760596, -1.40760596, -0.40760596, -0.40760596, -1.40760596, -2.40760596}, ly, 1e-6);
    }

    @Test void softmaxAlongAnotherAxis() {
        double[][] rows = {{1, 2, 3}, {3, 5, 1}};
        Tensor y = Activations.softmax(Tensor.of(rows), 0);
        double[] expected = new double[6];
        for (int j = 0; j < 3; j++) {
            double z = Math.exp(rows[0][j]) + Math.exp(rows[1][j]);
            expected[j] = Math.exp(rows[0][j]) / z;
            expected[3 + j] = Math.exp(rows[1][j]) / z;
        }
        assertClose(expected, y, 1e-12);
        assertArrayEquals(new int[] {2, 3}, y.shape().dims());
    }

    @Test void gluSplitsAlongTheAxis() {
        Tensor x = Tensor.of(new double[][] {{1, -2}, {0.5, 3}});
        // axis 0: a = row 0, b = row 1.
        assertClose(new double[] {1 * sigmoid(0.5), -2 * sigmoid(3)}, Activations.glu(x, 0), 1e-12);
        assertArrayEquals(new int[] {1, 2}, Activations.glu(x, 0).shape().dims());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.glu(Tensor.of(new double[] {1, 2, 3})));
        assertTrue(e.getMessage().contains("axis size must be divisible by 2"), e.getMessage());
    }

    /**
     * Sparsemax by hand (Martins and Astudillo, 2016): for z = (0.5, 0.4, 0) all three are in the
     * support, tau = (0.9 - 1) / 3, so p = (0.5 + 1/30, 0.4 + 1/30, 1/30). For (2, 0.5, -1) only the
     * first is: p = (1, 0, 0).
     */
    @Test void sparsemaxByHand() {
        Tensor y = Activations.sparsemax(Tensor.of(new double[][] {{0.5, 0.4, 0}, {2, 0.5, -1}}));
        assertClose(new double[] {0.5 + 1 / 30.0, 0.4 + 1 / 30.0, 1 / 30.0, 1, 0, 0}, y, 1e-12);
        // (0.3, 0.2, -0.5): support {0.3, 0.2}, tau = (0.5 - 1) / 2 = -0.25 -> (0.55, 0.45, 0).
        Tensor cols = Activations.sparsemax(Tensor.of(new double[][] {{0.3, 7}, {0.2, 7}, {-0.5, 7}}), 0);
        assertClose(new double[] {0.55, 1 / 3.0, 0.45, 1 / 3.0, 0, 1 / 3.0}, cols, 1e-12);
    }

    /** The Keras test cases: linspace(1, 12) reshaped, the largest entry of each slice gets 1. */
    @Test void sparsemaxKerasTestCases() {
        double[] lin = new double[12];
        for (int i = 0; i < 12; i++) lin[i] = i + 1;
        double[] lastOfPairs = new double[12];
        for (int i = 1; i < 12; i += 2) lastOfPairs[i] = 1;
        assertClose(lastOfPairs, Activations.sparsemax(Tensor.of(lin, 6, 2)), 1e-12);
        double[] lastRow = new double[12];
        lastRow[10] = lastRow[11] = 1;
        assertClose(lastRow, Activations.sparsemax(Tensor.of(lin, 6, 2), -2), 1e-12);
        double[] ones = new double[12];
        java.util.Arrays.fill(ones, 1);
        assertClose(ones, Activations.sparsemax(Tensor.of(lin, 4, 1, 3), -2), 1e-12);
    }

    @Test void outputsKeepShapeAndDtype() {
        Tensor x = Tensor.of(new float[] {1, -2, 3, -4, 5, -6}, 1, 2, 3);
        for (String name : Activations.names()) {
            if (name.equals("glu") || name.equals("threshold")) continue;
            Tensor y = Activations.get(name).apply(x);
            assertEquals(x.shape(), y.shape(), name);
            assertEquals(DType.FLOAT32, y.dtype(), name);
        }
    }
}
