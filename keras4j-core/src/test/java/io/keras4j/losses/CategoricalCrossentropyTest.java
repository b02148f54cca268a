package io.keras4j.losses;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.keras4j.losses.LossChecks.allFinite;
import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.assertClose;
import static io.keras4j.losses.LossChecks.assertShape;
import static io.keras4j.losses.LossChecks.f32;
import static io.keras4j.losses.LossChecks.f64;
import static io.keras4j.losses.LossChecks.ints;
import static io.keras4j.losses.LossChecks.tapeGradient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values from Keras's docstring and tests, and from -sum(t log(p / sum p)) with p clipped. */
class CategoricalCrossentropyTest {
    static final Tensor Y_TRUE = ints(new int[][] {{0, 1, 0}, {0, 0, 1}});
    static final Tensor Y_PRED = f32(new double[][] {{0.05, 0.95, 0}, {0.1, 0.8, 0.1}});

    /** -sum t log(clip(p / sum p)) for one sample. */
    static double cce(double[] t, double[] p) {
        double total = 0, loss = 0;
        for (double v : p) total += v;
        for (int i = 0; i < t.length; i++) loss -= t[i] * Math.log(Math.min(Math.max(p[i] / total, 1e-7), 1 - 1e-7));
        return loss;
    }

    static double[] softmax(double[] x) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double v : x) max = Math.max(max, v);
        double[] e = new double[x.length];
        for (int i = 0; i < x.length; i++) sum += e[i] = Math.exp(x[i] - max);
        for (int i = 0; i < x.length; i++) e[i] /= sum;
        return e;
    }

    @Test void docstringExample() {
        CategoricalCrossentropy loss = new CategoricalCrossentropy();
        assertClose(1.177, loss.apply(Y_TRUE, Y_PRED), 1e-3);
        assertClose(0.814, loss.apply(Y_TRUE, Y_PRED, f32(0.3, 0.7)), 1e-3);
        assertClose(2.354, loss.reduction("sum").apply(Y_TRUE, Y_PRED), 1e-3);
        assertAllClose(new double[] {0.0513, 2.303}, loss.reduction("none").apply(Y_TRUE, Y_PRED), 1e-3);
        assertAllClose(new double[] {-Math.log(0.95), -Math.log(0.1)}, loss.apply(Y_TRUE, Y_PRED), 1e-6);
    }

    @Test void probabilitiesAreRenormalised() {
        double[][] t = {{0, 1, 0}, {1, 0, 0}};
        double[][] p = {{1, 2, 1}, {0.2, 0.2, 0.1}};
        Tensor loss = Losses.categoricalCrossentropy(f64(t), f64(p));
        assertAllClose(new double[] {-Math.log(0.5), -Math.log(0.4)}, loss, 1e-12);
        assertAllClose(new double[] {cce(t[0], p[0]), cce(t[1], p[1])}, loss, 1e-12);
    }

    @Test void logitsEqualProbabilitiesOfTheirSoftmax() {
        double[][] t = {{0, 1, 0}, {0.2, 0.3, 0.5}};
        double[][] x = {{2.0, -1.0, 0.5}, {0.1, 3.0, -2.0}};
        Tensor fromLogits = new CategoricalCrossentropy().fromLogits(true).reduction("none").apply(f64(t), f64(x));
        double[] expected = {cce(t[0], softmax(x[0])), cce(t[1], softmax(x[1]))};
        assertAllClose(expected, fromLogits, 1e-12);
        Tensor probs = f64(new double[][] {softmax(x[0]), softmax(x[1])});
        assertAllClose(expected, new CategoricalCrossentropy().reduction("none").apply(f64(t), probs), 1e-12);
    }

    @Test void labelSmoothingWithLargeLogits() {
        Tensor logits = f32(new double[][] {{100, -100, -100}});
        Tensor yTrue = f32(new double[][] {{1, 0, 0}});
        // Smoothed labels 0.9 + 0.1/3, 0.1/3, 0.1/3; log-softmax 0, -200, -200.
        Tensor loss = new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.1).apply(yTrue, logits);
        assertClose(400.0 * 0.1 / 3, loss, 1e-6);
    }

    @Test void extremeLogitsGiveFiniteLossAndGradient() {
        Tensor yTrue = f32(new double[][] {{0, 1, 0}, {1, 0, 0}});
        Tensor logits = f32(new double[][] {{100, -100, 0}, {-100, 100, 100}});
        CategoricalCrossentropy loss = new CategoricalCrossentropy().fromLogits(true);
        // Row 1: 200; row 2: 200 + log 2.
        assertClose((200 + 200 + Math.log(2)) / 2, loss.apply(yTrue, logits), 1e-6);
        Tensor g = tapeGradient(loss, yTrue, logits, null);
        assertTrue(allFinite(g));
        // (softmax - t) / batch.
        assertAllClose(new double[] {0.5, -0.5, 0, -0.5, 0.25, 0.25}, g, 1e-6);
    }

    @Test void labelSmoothingAlongAxisOne() {
        // (batch, classes, spatial) with classes on axis 1, as Keras's test.
        double[][][] t = {{{1, 0}, {0, 1}, {0, 0}}, {{0, 1}, {1, 0}, {0, 0}}};
        double[][][] p = {{{0.8, 0.1}, {0.1, 0.8}, {0.1, 0.1}}, {{0.1, 0.8}, {0.8, 0.1}, {0.1, 0.1}}};
        double s = 0.1;
        double total = 0;
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < 2; k++) {
                double[] tv = new double[3], pv = new double[3];
                for (int c = 0; c < 3; c++) {
                    tv[c] = t[b][c][k] * (1 - s) + s / 3;
                    pv[c] = p[b][c][k];
                }
                total += cce(tv, pv);
            }
        }
        Tensor yTrue = Tensor.of(flatten(t), 2, 3, 2), yPred = Tensor.of(flatten(p), 2, 3, 2);
        CategoricalCrossentropy loss = new CategoricalCrossentropy().labelSmoothing(s).axis(1);
        assertShape(loss.reduction("none").apply(yTrue, yPred), 2, 2);
        assertClose(total / 4, loss.reduction("sum_over_batch_size").apply(yTrue, yPred), 1e-12);
    }

    private static double[] flatten(double[][][] a) {
        double[] out = new double[12];
        int k = 0;
        for (double[][] m : a) for (double[] r : m) for (double v : r) out[k++] = v;
        return out;
    }

    @Test void shapeMismatchIsAnError() {
        Tensor yTrue = Tensor.ofInts(new int[] {0, 1, 2}, 3, 1);
        Tensor yPred = f32(new double[][] {{0.9, 0.05, 0.05}, {0.5, 0.89, 0.6}, {0.05, 0.01, 0.94}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CategoricalCrossentropy().apply(yTrue, yPred));
        assertTrue(e.getMessage().contains("must have the same shape"), e.getMessage());
    }

    @Test void config() {
        CategoricalCrossentropy loss = new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.1).reduction("sum");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "categorical_crossentropy");
        expected.put("reduction", "sum");
        expected.put("from_logits", true);
        expected.put("label_smoothing", 0.1);
        expected.put("axis", -1);
        assertEquals(expected, loss.getConfig());
        assertEquals(expected, CategoricalCrossentropy.fromConfig(expected).getConfig());
        assertThrows(IllegalArgumentException.class, () -> new CategoricalCrossentropy().labelSmoothing(-0.1));
    }
}
