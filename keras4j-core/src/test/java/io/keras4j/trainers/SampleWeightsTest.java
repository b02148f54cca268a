package io.keras4j.trainers;

import io.keras4j.callbacks.History;
import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Input;
import io.keras4j.losses.Losses;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.optimizers.Adam;
import io.keras4j.optimizers.SGD;
import io.keras4j.tensor.Tensor;
import io.keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * fit/evaluate with sample_weight, class_weight and weighted_metrics against Keras's formulas: the
 * loss is sum(w_i * loss_i) / batch_size ("sum_over_batch_size" divides by the number of elements,
 * not by the sum of weights), a weighted Mean metric is sum(w_i * v_i) / sum(w_i).
 */
class SampleWeightsTest {
    // pred = x1 + 2 x2: predictions 1, 2, 3, 2 against targets 0, 1, 1, 3 -> squared errors 1, 1, 4, 1.
    private static final Tensor X = Tensor.of(new float[][] {{1, 0}, {0, 1}, {1, 1}, {2, 0}});
    private static final Tensor Y = Tensor.of(new float[][] {{0}, {1}, {1}, {3}});
    private static final Tensor W = Tensor.of(new float[] {2f, 0.5f, 1f, 0f}, 4);

    private static Model linear() {
        Dense d = new Dense(1).useBias(false);
        Model m = new Sequential(Input.of(2), d);
        d.setWeights(List.of(Tensor.of(new float[][] {{1}, {2}})));
        return m;
    }

    @Test void weightedLossIsTheKerasFormula() {
        Model m = linear();
        m.compile(new SGD(), Losses.get("mse"), List.of());
        double expected = (2 * 1 + 0.5 * 1 + 1 * 4 + 0 * 1) / 4.0; // divided by the batch size, not by sum(w) = 3.5
        for (int batch : new int[] {4, 3, 1}) {
            assertEquals(expected, m.evaluate(X, Y, W, batch, 0).get("loss"), 1e-6, "batch size " + batch);
        }
        assertEquals(expected, m.testOnBatch(X, Y, W).get("loss"), 1e-6);
        assertEquals(7 / 4.0, m.evaluate(X, Y, 4, 0).get("loss"), 1e-6);
        // Per-timestep-shaped (samples, 1) weights give the same.
        assertEquals(expected, m.evaluate(X, Y, W.withShape(io.keras4j.tensor.Shape.of(4, 1)), 4, 0).get("loss"), 1e-6);
    }

    @Test void weightedMetricsSeeTheWeightsPlainMetricsDoNot() {
        Model m = linear();
        m.compile(new SGD(), Losses.get("mse"), List.of("mse"), List.of("mse"));
        Map<String, Double> logs = m.evaluate(X, Y, W, 4, 0);
        assertEquals(3, logs.size(), logs.toString());
        String name = "mse"; // compile names a metric by the string it was given, as Keras
        assertEquals(7 / 4.0, logs.get(name), 1e-6);
        assertEquals(6.5 / 3.5, logs.get("weighted_" + name), 1e-6); // Mean with weights: sum(w v) / sum(w)
        // Without sample weights a weighted metric is the plain one.
        Map<String, Double> unweighted = m.evaluate(X, Y, 4, 0);
        assertEquals(7 / 4.0, unweighted.get("weighted_" + name), 1e-6);
    }

    @Test void zeroWeightsRemoveAClassFromTheLossExactly() {
        // Samples 2 and 3 are "class 1": weight 0. Changing their targets must change nothing.
        Tensor w = Tensor.of(new float[] {1f, 1f, 0f, 0f}, 4);
        Tensor yOther = Tensor.of(new float[][] {{0}, {1}, {-50}, {80}});
        Model a = linear(), b = linear();
        a.compile(new SGD().learningRate(0.1), Losses.get("mse"), List.of());
        b.compile(new SGD().learningRate(0.1), Losses.get("mse"), List.of());
        double la = a.evaluate(X, Y, w, 4, 0).get("loss");
        assertEquals((1 + 1) / 4.0, la, 1e-7);
        assertEquals(la, b.evaluate(X, yOther, w, 4, 0).get("loss"), 0.0);
        a.fit(X, Y, new FitOptions().sampleWeight(w).epochs(3).batchSize(2).shuffle(false).verbose(0));
        b.fit(X, yOther, new FitOptions().sampleWeight(w).epochs(3).batchSize(2).shuffle(false).verbose(0));
        assertArrayEquals(a.getWeights().get(0).toFloatArray(), b.getWeights().get(0).toFloatArray(), 0f);
        // And class_weight {1: 0} does the same from the labels.
        Tensor labels = Tensor.ofInts(new int[] {0, 0, 1, 1}, 4);
        Model c = linear();
        c.compile(new SGD(), Losses.get("mse"), List.of());
        Tensor classW = ClassWeights.toSampleWeights(labels, Map.of(0, 1.0, 1, 0.0));
        assertEquals(la, c.evaluate(X, Y, classW, 4, 0).get("loss"), 0.0);
    }

    @Test void classWeightRaisesMinorityRecall() {
        // 1000 samples of class 0 around (0, 0), 100 of class 1 around (1, 1): heavy overlap. The
        // Bayes boundary of the 10:1 prior leaves about 1 in 5 of class 1 found; equal priors (the
        // class weights) about 3 in 4.
        java.util.Random r = new java.util.Random(7);
        int n0 = 1000, n1 = 100, n = n0 + n1;
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double c = i < n0 ? 0 : 1.0;
            x[2 * i] = (float) (c + r.nextGaussian());
            x[2 * i + 1] = (float) (c + r.nextGaussian());
            y[i] = i < n0 ? 0 : 1;
        }
        Tensor xs = Tensor.of(x, n, 2), ys = Tensor.of(y, n, 1);
        double plain = minorityRecall(xs, ys, null);
        double weighted = minorityRecall(xs, ys, Map.of(0, 1.0, 1, 10.0));
        assertTrue(plain < 0.4, "unweighted recall " + plain);
        assertTrue(weighted > 0.6, "weighted recall " + weighted);
        assertTrue(weighted > plain + 0.3, plain + " -> " + weighted);
    }

    private static double minorityRecall(Tensor x, Tensor y, Map<Integer, Double> classWeight) {
        RandomSeed.setRandomSeed(3);
        Model m = new Sequential(Input.of(2), new Dense(1, "sigmoid"));
        m.compile(new Adam().learningRate(0.05), Losses.get("binary_crossentropy"), List.of());
        m.fit(x, y, new FitOptions().classWeight(classWeight).epochs(15).batchSize(64).verbose(0));
        float[] p = m.predict(x, 256, 0).toFloatArray();
        float[] t = y.toFloatArray();
        int hits = 0, positives = 0;
        for (int i = 0; i < p.length; i++) {
            if (t[i] == 1) {
                positives++;
                if (p[i] > 0.5) hits++;
            }
        }
        return hits / (double) positives;
    }

    @Test void perOutputSampleWeights() {
        KerasTensor in = Input.of(2);
        Dense da = new Dense(1).useBias(false).name("a"), db = new Dense(1).useBias(false).name("b");
        Model m = new Model(List.of(in), List.of(da.apply(in), db.apply(in)));
        da.setWeights(List.of(Tensor.of(new float[][] {{1}, {2}})));
        db.setWeights(List.of(Tensor.of(new float[][] {{0}, {0}})));
        m.compile(new SGD(), List.of(Losses.get("mse")), List.of(1.0, 0.5), List.of(List.of()));
        // Output b predicts 0: squared errors 0, 1, 1, 9.
        Tensor wb = Tensor.of(new float[] {0f, 1f, 1f, 0.25f}, 4);
        Map<String, Double> logs = m.evaluate(List.of(X), List.of(Y, Y), Arrays.asList(W, wb), 4, 0);
        double aLoss = 6.5 / 4, bLoss = (0 + 1 + 1 + 0.25 * 9) / 4;
        assertEquals(aLoss, logs.get("a_loss"), 1e-6);
        assertEquals(bLoss, logs.get("b_loss"), 1e-6);
        assertEquals(aLoss + 0.5 * bLoss, logs.get("loss"), 1e-6);
        // An output without weights (null), and one per-sample array shared by both outputs.
        logs = m.evaluate(List.of(X), List.of(Y, Y), Arrays.asList(W, null), 4, 0);
        assertEquals(11 / 4.0, logs.get("b_loss"), 1e-6);
        logs = m.evaluate(List.of(X), List.of(Y, Y), List.of(W), 4, 0);
        assertEquals((2 * 0 + 0.5 * 1 + 1 * 1 + 0) / 4.0, logs.get("b_loss"), 1e-6);
        var e = assertThrows(IllegalArgumentException.class, () -> m.fit(List.of(X), List.of(Y, Y),
                new FitOptions().sampleWeight(Tensor.ones(4, 3)).verbose(0)));
        assertTrue(e.getMessage().startsWith("For a model with multiple outputs, when providing a single `sample_weight` array"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.fit(List.of(X), List.of(Y, Y),
                new FitOptions().classWeight(Map.of(0, 1.0)).verbose(0)));
        assertEquals("`class_weight` is only supported for Models with a single output.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.fit(List.of(X), List.of(Y, Y),
                new FitOptions().sampleWeight(List.of(W, W, W)).verbose(0)));
        assertTrue(e.getMessage().startsWith("You should provide one `sample_weight` array per output in `y`."), e.getMessage());
    }

    @Test void weightedMetricsByOutputName() {
        KerasTensor in = Input.of(2);
        Dense da = new Dense(1).useBias(false).name("a"), db = new Dense(1).useBias(false).name("b");
        Model m = new Model(List.of(in), List.of(da.apply(in), db.apply(in)));
        da.setWeights(List.of(Tensor.of(new float[][] {{1}, {2}})));
        db.setWeights(List.of(Tensor.of(new float[][] {{0}, {0}})));
        m.compile(new SGD(), Map.of("a", Losses.get("mse"), "b", Losses.get("mse")), null, Map.of("a", List.of("mse")), Map.of("a", List.of("mse")));
        Map<String, Double> logs = m.evaluate(List.of(X), List.of(Y, Y), List.of(W), 4, 0);
        assertEquals(7 / 4.0, logs.get("a_mse"), 1e-6);
        assertEquals(6.5 / 3.5, logs.get("a_weighted_mse"), 1e-6);
        assertFalse(logs.containsKey("b_mse"), logs.toString());
    }

    @Test void validationSplitSplitsTheSampleWeights() {
        // 10 samples, validation_split 0.2: the last two are validation, and their weights are 0.
        float[] w = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0};
        Tensor x = Tensor.ones(10, 2), y = Tensor.zeros(10, 1);
        Model m = linear();
        m.compile(new SGD(), Losses.get("mse"), List.of());
        History h = m.fit(x, y, new FitOptions().sampleWeight(Tensor.of(w, 10)).validationSplit(0.2).epochs(1).verbose(0));
        assertEquals(0.0, h.history().get("val_loss").get(0), 0.0);
        assertTrue(h.history().get("loss").get(0) > 0);
        // Validation data with its own weights.
        Tensor vw = Tensor.of(new float[] {0, 0.5f}, 2);
        Model m2 = linear();
        m2.compile(new SGD().learningRate(0.0), Losses.get("mse"), List.of());
        h = m2.fit(X, Y, new FitOptions().validationData(io.keras4j.ops.Ops.sliceAxis0(X, 0, 2), io.keras4j.ops.Ops.sliceAxis0(Y, 0, 2), vw).epochs(1).verbose(0));
        assertEquals(0.5 * 1 / 2.0, h.history().get("val_loss").get(0), 1e-6);
    }

    @Test void trainOnBatchTakesClassWeights() {
        Model m = linear();
        m.compile(new SGD(), Losses.get("mse"), List.of());
        // Targets 0, 1, 1, 3 are the classes; {1: 2} doubles the squared errors 1 and 4 of samples 1 and 2.
        assertEquals((1 + 2 * 1 + 2 * 4 + 1) / 4.0, m.trainOnBatch(X, Y, null, Map.of(1, 2.0)).get("loss"), 1e-6);
        var e = assertThrows(IllegalArgumentException.class, () -> m.trainOnBatch(X, Y, W, Map.of(1, 2.0)));
        assertTrue(e.getMessage().startsWith("Arguments `sample_weight` and `class_weight` cannot be specified at the same time."), e.getMessage());
    }

    @Test void classAndSampleWeightsTogetherAreRefused() {
        Model m = linear();
        m.compile(new SGD(), Losses.get("mse"), List.of());
        var e = assertThrows(IllegalArgumentException.class, () -> m.fit(X, Y, new FitOptions().sampleWeight(W).classWeight(Map.of(0, 2.0)).verbose(0)));
        assertEquals("You cannot `class_weight` and `sample_weight` at the same time.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.evaluate(X, Y, Tensor.ones(3), 4, 0));
        assertTrue(e.getMessage().startsWith("Data cardinality is ambiguous."), e.getMessage());
    }
}
