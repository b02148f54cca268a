package io.keras4j.losses;

import io.keras4j.tensor.DType;
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
import static io.keras4j.losses.LossChecks.sigmoid;
import static io.keras4j.losses.LossChecks.tapeGradient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values from Keras's docstring and tests, and from -(z log p + (1 - z) log(1 - p)). */
class BinaryCrossentropyTest {
    private static double bce(double z, double p) {
        double c = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
        return -(z * Math.log(c) + (1 - z) * Math.log(1 - c));
    }

    @Test void docstringExampleWithLogits() {
        Tensor yTrue = ints(new int[][] {{0, 1}, {0, 0}});
        Tensor logits = f32(new double[][] {{-18.6, 0.51}, {2.94, -12.8}});
        BinaryCrossentropy loss = new BinaryCrossentropy().fromLogits(true);
        assertClose(0.8654, loss.apply(yTrue, logits), 1e-4);
        assertClose(0.243, loss.apply(yTrue, logits, f32(0.8, 0.2)), 1e-3);
        assertClose(1.730, loss.reduction("sum").apply(yTrue, logits), 1e-3);
        assertAllClose(new double[] {0.235, 1.496}, loss.reduction(null).apply(yTrue, logits), 1e-3);
    }

    @Test void probabilitiesFollowTheFormula() {
        double[][] z = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[][] p = {{0.9, 0.1, 0.2}, {0.3, 0.8, 0.1}, {0.1, 0.2, 0.7}};
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) expected[i] += bce(z[i][j], p[i][j]) / 3;
        assertAllClose(expected, new BinaryCrossentropy().reduction("none").apply(f64(z), f64(p)), 1e-12);
        assertClose(0.20046903, new BinaryCrossentropy().apply(f32(z), f32(p)), 1e-6);
    }

    @Test void certainWrongPredictionIsClippedInFloat32() {
        // Keras's value: p = 1 against z = 0 costs -log(1 - float32(1 - 1e-7)).
        Tensor yTrue = ints(new int[][] {{1, 0}, {1, 0}});
        Tensor yPred = f32(new double[][] {{1, 1}, {1, 0}});
        assertClose(3.98559, new BinaryCrossentropy().apply(yTrue, yPred), 1e-5);
        assertClose(9.1668, new BinaryCrossentropy().apply(yTrue, yPred, Tensor.scalar(2.3, DType.FLOAT32)), 1e-4);
        assertClose(4.7827, new BinaryCrossentropy().apply(yTrue, yPred, Tensor.of(new float[] {1.2f, 3.4f}, 2, 1)), 1e-4);
    }

    @Test void logitsEqualProbabilitiesOfTheirSigmoid() {
        double[][] z = {{1, 0, 1}, {0, 1, 1}};
        double[][] x = {{2.5, -1.2, 0.3}, {4.0, -3.0, 0.0}};
        double[][] p = new double[2][3];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) p[i][j] = sigmoid(x[i][j]);
        Tensor fromLogits = new BinaryCrossentropy().fromLogits(true).reduction("none").apply(f64(z), f64(x));
        Tensor fromProbs = new BinaryCrossentropy().reduction("none").apply(f64(z), f64(p));
        assertAllClose(fromProbs.toDoubleArray(), fromLogits, 1e-12);
    }

    @Test void kerasLogitValues() {
        Tensor yTrue = ints(new int[][] {{1, 0, 1}, {0, 1, 1}});
        Tensor logits = f32(new double[][] {{10, -10, 10}, {10, 10, -10}});
        BinaryCrossentropy loss = new BinaryCrossentropy().fromLogits(true);
        assertClose(3.3333, loss.apply(yTrue, logits), 1e-4);
        assertClose(10.0, loss.apply(yTrue, logits, f32(4, 3)), 1e-4);
        assertAllClose(new double[] {0, 6.666}, loss.reduction("none").apply(yTrue, logits), 1e-3);
    }

    @Test void labelSmoothingSqueezesLabelsTowardsOneHalf() {
        Tensor logits = f64(new double[][] {{10, -10, -10}});
        Tensor yTrue = f64(new double[][] {{1, 0, 1}});
        double s = 0.1;
        double expected = 0;
        double[] z = {1, 0, 1}, x = {10, -10, -10};
        for (int j = 0; j < 3; j++) expected += bce(z[j] * (1 - s) + 0.5 * s, sigmoid(x[j])) / 3;
        Tensor loss = new BinaryCrossentropy().fromLogits(true).labelSmoothing(s).apply(yTrue, logits);
        assertClose(expected, loss, 1e-9);
        assertClose((10 + 5 * s) / 3, loss, 1e-3); // Keras's test, which drops log1p(exp(-10))
    }

    @Test void extremeLogitsAreStable() {
        Tensor yTrue = f32(new double[][] {{0, 1}});
        Tensor logits = f32(new double[][] {{100, -100}});
        BinaryCrossentropy loss = new BinaryCrossentropy().fromLogits(true);
        assertClose(100.0, loss.apply(yTrue, logits), 1e-6);
        Tensor g = tapeGradient(loss, yTrue, logits, null);
        assertTrue(allFinite(g));
        // d/dx = (sigmoid(x) - z) / 2 elements.
        assertAllClose(new double[] {0.5, -0.5}, g, 1e-6);
        assertAllClose(new double[] {0, 0}, tapeGradient(loss, f32(new double[][] {{1, 0}}), logits, null), 1e-6);
    }

    @Test void gradientAtLogitZeroIsSigmoidMinusLabel() {
        Tensor g = tapeGradient(new BinaryCrossentropy().fromLogits(true), f64(new double[][] {{1, 0}}), f64(new double[][] {{0, 0}}), null);
        assertAllClose(new double[] {(0.5 - 1) / 2, 0.5 / 2}, g, 1e-15);
    }

    @Test void axisChoosesTheAveragedAxis() {
        double[][] z = {{1, 0, 1}, {0, 0, 1}};
        double[][] p = {{0.9, 0.2, 0.6}, {0.3, 0.4, 0.7}};
        Tensor loss = new BinaryCrossentropy().axis(0).reduction("none").apply(f64(z), f64(p));
        assertShape(loss, 3);
        double[] expected = new double[3];
        for (int j = 0; j < 3; j++) expected[j] = (bce(z[0][j], p[0][j]) + bce(z[1][j], p[1][j])) / 2;
        assertAllClose(expected, loss, 1e-12);
    }

    @Test void shapeMismatchIsAnError() {
        Tensor yTrue = Tensor.ofInts(new int[] {0, 1, 2}, 3, 1);
        Tensor yPred = f32(new double[][] {{0.9, 0.05, 0.05}, {0.5, 0.89, 0.6}, {0.05, 0.01, 0.94}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BinaryCrossentropy().apply(yTrue, yPred));
        assertTrue(e.getMessage().contains("must have the same shape"), e.getMessage());
        assertTrue(e.getMessage().contains("target.shape=(3, 1), output.shape=(3, 3)"), e.getMessage());
    }

    @Test void labelSmoothingOutsideUnitIntervalIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BinaryCrossentropy().labelSmoothing(1.5));
        assertTrue(e.getMessage().endsWith("Received: label_smoothing=1.5"), e.getMessage());
    }

    @Test void config() {
        BinaryCrossentropy loss = new BinaryCrossentropy().fromLogits(true).labelSmoothing(0.2).axis(1).name("bce");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "bce");
        expected.put("reduction", "sum_over_batch_size");
        expected.put("from_logits", true);
        expected.put("label_smoothing", 0.2);
        expected.put("axis", 1);
        assertEquals(expected, loss.getConfig());
        assertEquals(expected, BinaryCrossentropy.fromConfig(expected).getConfig());
        BinaryCrossentropy defaults = new BinaryCrossentropy();
        assertEquals("binary_crossentropy", defaults.name());
        assertEquals(false, defaults.fromLogits());
        assertEquals(0.0, defaults.labelSmoothing());
        assertEquals(-1, defaults.axis());
    }
}
