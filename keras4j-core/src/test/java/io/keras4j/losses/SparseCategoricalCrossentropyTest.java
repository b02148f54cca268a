package io.keras4j.losses;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.keras4j.losses.CategoricalCrossentropyTest.softmax;
import static io.keras4j.losses.LossChecks.allFinite;
import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.assertClose;
import static io.keras4j.losses.LossChecks.assertShape;
import static io.keras4j.losses.LossChecks.f32;
import static io.keras4j.losses.LossChecks.f64;
import static io.keras4j.losses.LossChecks.tapeGradient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values from Keras's docstring and tests, and from -log(softmax(x)[label]) / -log(p[label] / sum p). */
class SparseCategoricalCrossentropyTest {
    static final Tensor Y_PRED = f32(new double[][] {{0.05, 0.95, 0}, {0.1, 0.8, 0.1}});

    @Test void docstringExampleWithIntAndFloatLabelsOfEitherShape() {
        Tensor[] labelForms = {
                Tensor.ofInts(new int[] {1, 2}, 2),
                Tensor.ofInts(new int[] {1, 2}, 2, 1),
                f32(1, 2),
                Tensor.of(new float[] {1, 2}, 2, 1)};
        for (Tensor labels : labelForms) {
            SparseCategoricalCrossentropy loss = new SparseCategoricalCrossentropy();
            assertClose(1.177, loss.apply(labels, Y_PRED), 1e-3);
            assertClose(0.814, loss.apply(labels, Y_PRED, f32(0.3, 0.7)), 1e-3);
            assertClose(2.354, loss.reduction("sum").apply(labels, Y_PRED), 1e-3);
            Tensor none = loss.reduction("none").apply(labels, Y_PRED);
            assertShape(none, 2);
            assertAllClose(new double[] {-Math.log(0.95), -Math.log(0.1)}, none, 1e-6);
        }
    }

    @Test void logitsMatchKerasAndTheSoftmaxFormula() {
        double[][] x = {{8, 1, 1}, {0, 9, 1}, {2, 3, 5}};
        Tensor labels = Tensor.ofInts(new int[] {0, 1, 2}, 3, 1);
        Tensor loss = new SparseCategoricalCrossentropy().fromLogits(true).reduction("none").apply(labels, f64(x));
        assertAllClose(new double[] {0.001822, 0.000459, 0.169846}, loss, 1e-3);
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) expected[i] = -Math.log(softmax(x[i])[i]);
        assertAllClose(expected, loss, 1e-12);
        // Probabilities of the same softmax give the same loss.
        Tensor probs = f64(new double[][] {softmax(x[0]), softmax(x[1]), softmax(x[2])});
        assertAllClose(expected, Losses.sparseCategoricalCrossentropy(labels, probs), 1e-12);
    }

    @Test void equalsCategoricalCrossentropyOnOneHotLabels() {
        double[][] p = {{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}};
        Tensor sparse = Losses.sparseCategoricalCrossentropy(f64(2, 0), f64(p));
        assertAllClose(new double[] {-Math.log(0.3), -Math.log(0.6)}, sparse, 1e-12);
        Tensor dense = Losses.categoricalCrossentropy(f64(new double[][] {{0, 0, 1}, {1, 0, 0}}), f64(p));
        assertAllClose(dense.toDoubleArray(), sparse, 1e-15);
    }

    @Test void ignoreClassZeroesThoseEntriesAndLeavesThemOutOfTheMean() {
        Tensor logits = Tensor.of(new double[] {0.854, 0.698, 0.598, 0.088, 0.86, 0.018}, 1, 2, 3);
        double expected = -Math.log(softmax(new double[] {0.088, 0.86, 0.018})[2]);
        for (Tensor labels : new Tensor[] {Tensor.ofInts(new int[] {-1, 2}, 1, 2), Tensor.ofInts(new int[] {-1, 2}, 1, 2, 1)}) {
            SparseCategoricalCrossentropy loss = new SparseCategoricalCrossentropy().fromLogits(true).ignoreClass(-1);
            Tensor none = loss.reduction(null).apply(labels, logits);
            assertShape(none, 1, 2);
            assertAllClose(new double[] {0, 1.480129}, none, 1e-6);
            assertAllClose(new double[] {0, expected}, none, 1e-12);
            // One valid entry of two: the average is over that one.
            assertClose(expected, loss.reduction("sum_over_batch_size").apply(labels, logits), 1e-12);
            assertClose(expected, loss.reduction("sum").apply(labels, logits), 1e-12);
            assertClose(expected, loss.reduction("mean_with_sample_weight").apply(labels, logits), 1e-12);
        }
        assertAllClose(new double[] {0, expected},
                Losses.sparseCategoricalCrossentropy(Tensor.ofInts(new int[] {-1, 2}, 1, 2), logits, true, -1), 1e-12);
    }

    @Test void ignoredEntriesGetNoGradient() {
        Tensor logits = f64(new double[][] {{1.0, 2.0, 0.5}, {0.3, -0.2, 0.1}});
        Tensor g = tapeGradient(new SparseCategoricalCrossentropy().fromLogits(true).ignoreClass(255), f64(255, 1), logits, null);
        double[] s = softmax(new double[] {0.3, -0.2, 0.1});
        // Only the second row counts, and it is the whole average.
        assertAllClose(new double[] {0, 0, 0, s[0], s[1] - 1, s[2]}, g, 1e-12);
    }

    @Test void binarySegmentationOverPixels() {
        int[] labels = {0, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 1};
        double[] probs = new double[32];
        for (int i = 0; i < 16; i++) probs[2 * i + labels[i]] = 1;
        probs[2 * 3] = 0.2;   // pixel (0, 3), label 0
        probs[2 * 3 + 1] = 0.8;
        probs[2 * 15] = 0.6;  // pixel (3, 3), label 1
        probs[2 * 15 + 1] = 0.4;
        Tensor loss = new SparseCategoricalCrossentropy().apply(Tensor.ofInts(labels, 4, 4), Tensor.of(probs, 4, 4, 2));
        // The 14 certain pixels are clipped to 1 - 1e-7, so each still costs -log(1 - 1e-7).
        assertClose((-Math.log(0.2) - Math.log(0.4) - 14 * Math.log(1 - 1e-7)) / 16, loss, 1e-12);
        assertClose((-Math.log(0.2) - Math.log(0.4)) / 16, loss, 1e-6); // Keras's test, at its tolerance
    }

    @Test void classesOnAxisOne() {
        // yPred (batch 2, classes 3, steps 2), labels (2, 2); compared with the same data classes-last.
        double[] p = {0.2, 0.6, 0.5, 0.1, 0.3, 0.3, 0.1, 0.7, 0.6, 0.2, 0.3, 0.1};
        Tensor yPred = Tensor.of(p, 2, 3, 2);
        Tensor labels = Tensor.ofInts(new int[] {1, 0, 2, 1}, 2, 2);
        Tensor loss = new SparseCategoricalCrossentropy().axis(1).reduction("none").apply(labels, yPred);
        assertShape(loss, 2, 2);
        // Sample b, step k: classes p[b][.][k]; sums are 1.0 for every (b, k).
        double[] expected = {-Math.log(p[2]), -Math.log(p[1]), -Math.log(p[10]), -Math.log(p[9])};
        assertAllClose(expected, loss, 1e-12);
    }

    @Test void extremeLogitsAreStable() {
        Tensor logits = f32(new double[][] {{100, -100, -100}, {-100, 100, 0}});
        SparseCategoricalCrossentropy loss = new SparseCategoricalCrossentropy().fromLogits(true);
        Tensor value = loss.apply(f32(1, 1), logits);
        assertClose((200 + 0) / 2.0, value, 1e-6);
        Tensor g = tapeGradient(loss, f32(1, 1), logits, null);
        assertTrue(allFinite(g));
        assertAllClose(new double[] {0.5, -0.5, 0, 0, 0, 0}, g, 1e-6);
    }

    @Test void badLabelsAreErrors() {
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().apply(f32(0, 3), Y_PRED));
        assertTrue(range.getMessage().contains("label value of 3 which is outside the valid range of [0, 3)"), range.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().apply(f32(0, 1, 2), Y_PRED));
        assertTrue(shape.getMessage().contains("must have the same shape up until the last dimension"), shape.getMessage());
    }

    @Test void config() {
        SparseCategoricalCrossentropy loss = new SparseCategoricalCrossentropy().fromLogits(true).ignoreClass(255);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "sparse_categorical_crossentropy");
        expected.put("reduction", "sum_over_batch_size");
        expected.put("from_logits", true);
        expected.put("ignore_class", 255);
        expected.put("axis", -1);
        assertEquals(expected, loss.getConfig());
        assertEquals(expected, SparseCategoricalCrossentropy.fromConfig(expected).getConfig());
        SparseCategoricalCrossentropy defaults = new SparseCategoricalCrossentropy();
        assertNull(defaults.ignoreClass());
        assertNull(defaults.getConfig().get("ignore_class"));
        assertEquals(defaults.getConfig(), SparseCategoricalCrossentropy.fromConfig(defaults.getConfig()).getConfig());
    }
}
