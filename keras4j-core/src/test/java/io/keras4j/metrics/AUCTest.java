package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AUCTest {
    private static Tensor t(float... v) { return Tensor.of(v, v.length); }

    // Keras's docstring example: thresholds [-1e-7, 0.5, 1 + 1e-7], tpr [1, 0.5, 0], fpr [1, 0, 0]
    private static final Tensor Y_TRUE = t(0, 0, 1, 1);
    private static final Tensor Y_PRED = t(0, 0.5f, 0.3f, 0.9f);

    @Test void matchesKerasDocumentedValues() {
        AUC m = new AUC().numThresholds(3);
        m.updateState(Y_TRUE, Y_PRED);
        assertEquals(0.75, m.result(), 1e-7);
        m.resetState();
        m.updateState(Y_TRUE, Y_PRED, t(1, 0, 0, 1));
        assertEquals(1.0, m.result(), 1e-7);
        assertEquals("auc", m.name());
    }

    @Test void thresholdsAreEvenlySpacedWithEpsilonEnds() {
        assertArrayEquals(new double[] {-1e-7, 0.5, 1 + 1e-7}, new AUC().numThresholds(3).thresholds(), 0);
        double[] t = new AUC().thresholds();
        assertEquals(200, t.length);
        assertEquals(-1e-7, t[0], 0);
        assertEquals(1.0 / 199, t[1], 1e-15);
        assertEquals(198.0 / 199, t[198], 1e-15);
        assertEquals(1 + 1e-7, t[199], 0);
        assertArrayEquals(new double[] {-1e-7, 0.2, 0.7, 1 + 1e-7}, new AUC().thresholds(0.7, 0.2).thresholds(), 0);
    }

    /** Counts at every threshold by direct comparison, then the trapezoid rule: an independent ROC AUC. */
    private static double bruteForceRocAuc(float[] labels, float[] scores, double[] weights, double[] thresholds) {
        int n = thresholds.length;
        double[] tpr = new double[n], fpr = new double[n];
        for (int k = 0; k < n; k++) {
            double tp = 0, fp = 0, pos = 0, neg = 0;
            for (int i = 0; i < labels.length; i++) {
                double w = weights == null ? 1 : weights[i];
                boolean predicted = scores[i] > thresholds[k];
                if (labels[i] == 1) {
                    pos += w;
                    if (predicted) tp += w;
                } else {
                    neg += w;
                    if (predicted) fp += w;
                }
            }
            tpr[k] = tp / pos;
            fpr[k] = fp / neg;
        }
        double area = 0;
        for (int k = 0; k < n - 1; k++) area += (fpr[k] - fpr[k + 1]) * (tpr[k] + tpr[k + 1]) / 2;
        return area;
    }

    @Test void rocMatchesABruteForceTrapezoidAndTheExactAuc() {
        Random random = new Random(42);
        int n = 2000;
        float[] labels = new float[n], scores = new float[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < 0.4 ? 1 : 0;
            // informative but noisy scores in [0, 1]
            scores[i] = (float) Math.min(1, Math.max(0, 0.35 + 0.3 * labels[i] + 0.2 * random.nextGaussian()));
            weights[i] = random.nextDouble();
        }
        AUC m = new AUC();
        // two batches, to check that the counts accumulate
        m.updateState(Tensor.of(java.util.Arrays.copyOf(labels, 700), 700), Tensor.of(java.util.Arrays.copyOf(scores, 700), 700));
        m.updateState(Tensor.of(java.util.Arrays.copyOfRange(labels, 700, n), n - 700), Tensor.of(java.util.Arrays.copyOfRange(scores, 700, n), n - 700));
        double reference = bruteForceRocAuc(labels, scores, null, m.thresholds());
        assertEquals(reference, m.result(), 1e-9);

        // the exact AUC: the chance that a positive outscores a negative (ties half)
        double wins = 0, pairs = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] != 1) continue;
            for (int j = 0; j < n; j++) {
                if (labels[j] != 0) continue;
                wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                pairs++;
            }
        }
        assertEquals(wins / pairs, m.result(), 2e-3);

        AUC weighted = new AUC();
        weighted.updateState(Tensor.of(labels, n), Tensor.of(scores, n), Tensor.of(weights, n));
        assertEquals(bruteForceRocAuc(labels, scores, weights, weighted.thresholds()), weighted.result(), 1e-9);
    }

    @Test void unevenThresholdsCompareEveryPrediction() {
        AUC m = new AUC().thresholds(0.2, 0.7);
        m.updateState(Y_TRUE, Y_PRED);
        // (tpr, fpr) at [-eps, 0.2, 0.7, 1 + eps]: (1, 1), (1, 0.5), (0.5, 0), (0, 0)
        assertEquals(0.5 * 1 + 0.5 * 0.75, m.result(), 1e-7);
        AUC same = new AUC().thresholds(0.5);
        same.updateState(Y_TRUE, Y_PRED);
        assertEquals(0.75, same.result(), 1e-7);
    }

    @Test void prInterpolationFollowsDavisGoadrich() {
        AUC m = new AUC().numThresholds(3).curve("PR");
        m.updateState(Y_TRUE, Y_PRED);
        // (tp, fp, fn) at the 3 thresholds: (2, 2, 0), (1, 0, 1), (0, 0, 2)
        // interval 1: slope 1/3, intercept 2/3, P ratio 4 -> (1/3)(1 + (2/3) ln 4) / 2; interval 2: slope 1 -> 1 / 2
        double expected = (1 + 2.0 / 3 * Math.log(4)) / 6 + 0.5;
        assertEquals(expected, m.result(), 1e-7);
    }

    @Test void minoringMajoringAndPrGain() {
        // PR points (recall, precision): (1, 0.5), (0.5, 1), (0, 0); ROC points (fpr, tpr): (1, 1), (0, 0.5), (0, 0)
        assertEquals(0.25, auc(new AUC().numThresholds(3).curve("pr").summationMethod("minoring")), 1e-7);
        assertEquals(1.0, auc(new AUC().numThresholds(3).curve("PR").summationMethod("majoring")), 1e-7);
        assertEquals(0.5, auc(new AUC().numThresholds(3).summationMethod("minoring")), 1e-7);
        assertEquals(1.0, auc(new AUC().numThresholds(3).summationMethod("Majoring")), 1e-7);
        // PR gain with P/N = 1: (recall gain, precision gain) = (1, 0), (0, 1), (0, 1) -> one trapezoid of area 1/2
        assertEquals(0.5, auc(new AUC().numThresholds(3).curve("PRGAIN")), 1e-7);
    }

    private static double auc(AUC m) {
        m.updateState(Y_TRUE, Y_PRED);
        return m.result();
    }

    @Test void multiLabelAveragesPerLabelCurves() {
        Tensor yTrue = Tensor.of(new float[][] {{0, 1}, {0, 0}, {1, 1}, {1, 0}});
        Tensor yPred = Tensor.of(new float[][] {{0, 0.9f}, {0.5f, 0.2f}, {0.3f, 0.6f}, {0.9f, 0.1f}});
        // label 0 is the docstring example (0.75); label 1 is separated perfectly at 0.5 (1.0)
        AUC m = new AUC().numThresholds(3).multiLabel(true);
        m.updateState(yTrue, yPred);
        assertEquals(0.875, m.result(), 1e-7);
        AUC weighted = new AUC().numThresholds(3).multiLabel(true).labelWeights(1, 3);
        weighted.updateState(yTrue, yPred);
        assertEquals((0.75 + 3 * 1.0) / 4, weighted.result(), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> new AUC().multiLabel(true).updateState(Y_TRUE, Y_PRED));
    }

    @Test void labelWeightsWithoutMultiLabelWeightEachColumn() {
        Tensor yTrue = Tensor.of(new float[][] {{0, 1}, {0, 0}, {1, 1}, {1, 0}});
        Tensor yPred = Tensor.of(new float[][] {{0, 0.9f}, {0.5f, 0.2f}, {0.3f, 0.6f}, {0.9f, 0.1f}});
        // weight 0 on column 1 leaves only column 0, the docstring example
        AUC m = new AUC().numThresholds(3).labelWeights(1, 0);
        m.updateState(yTrue, yPred);
        assertEquals(0.75, m.result(), 1e-7);
    }

    @Test void fromLogitsAppliesASigmoid() {
        AUC m = new AUC().numThresholds(3).fromLogits(true);
        m.updateState(Y_TRUE, t(-3, 0, -1, 2)); // sigmoid: 0.047, 0.5, 0.269, 0.881, ranked as the docstring example
        assertEquals(0.75, m.result(), 1e-7);
    }

    @Test void validatesArguments() {
        var e = assertThrows(IllegalArgumentException.class, () -> new AUC().numThresholds(1));
        assertEquals("Argument `num_thresholds` must be an integer > 1. Received: num_thresholds=1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AUC().curve("XY"));
        assertTrue(e.getMessage().startsWith("Invalid AUC curve value: \"XY\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AUC().summationMethod("trapezoid"));
        assertThrows(IllegalArgumentException.class, () -> new AUC().numLabels(2).updateState(Y_TRUE, Y_PRED));
        AUC used = new AUC();
        used.updateState(Y_TRUE, Y_PRED);
        assertThrows(IllegalStateException.class, () -> used.curve("PR"));
        assertEquals(0.0, new AUC().result());
    }

    @Test void configAsKeras() {
        Map<String, Object> config = new AUC().getConfig();
        assertEquals(200, config.get("num_thresholds"));
        assertEquals("ROC", config.get("curve"));
        assertEquals("interpolation", config.get("summation_method"));
        assertEquals(false, config.get("multi_label"));
        assertEquals(false, config.get("from_logits"));
        assertTrue(config.containsKey("label_weights") && !config.containsKey("thresholds"));
        Map<String, Object> explicit = new AUC().thresholds(0.6, 0.2).getConfig();
        assertEquals(4, explicit.get("num_thresholds"));
        assertEquals(java.util.List.of(0.2, 0.6), explicit.get("thresholds"));
    }
}
