package io.keras4j.losses;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.assertClose;
import static io.keras4j.losses.LossChecks.assertShape;
import static io.keras4j.losses.LossChecks.f32;
import static io.keras4j.losses.LossChecks.f64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The base class: reductions, sample weights, masks and dtypes, as Keras's loss.py. */
class LossTest {
    /** A user-defined loss: the per-sample sum of |yPred - yTrue|. */
    static final class MyAbsoluteLoss extends Loss {
        @Override public Tensor call(Tensor yTrue, Tensor yPred) {
            return Ops.sum(Ops.abs(Ops.subtract(yPred, yTrue)), -1, false);
        }
    }

    /** Returns its per-sample values unchanged and masks the samples whose label is negative. */
    static final class Masked extends Loss {
        @Override public Tensor call(Tensor yTrue, Tensor yPred) { return yPred; }

        @Override protected Tensor mask(Tensor yTrue, Tensor yPred) { return Ops.greaterEqual(yTrue, 0.0); }
    }

    @Test void customLossIsNamedAfterItsClassInSnakeCase() {
        MyAbsoluteLoss loss = new MyAbsoluteLoss();
        assertEquals("my_absolute_loss", loss.name());
        assertEquals("MyAbsoluteLoss", loss.className());
        assertEquals("sum_over_batch_size", loss.reduction());
        assertEquals(Map.of("name", "my_absolute_loss", "reduction", "sum_over_batch_size"), loss.getConfig());
        assertEquals("renamed", loss.name("renamed").name());
    }

    @Test void customLossIsReducedLikeKerasLosses() {
        Tensor yTrue = f32(new double[][] {{0, 0}, {1, 1}, {2, 2}});
        Tensor yPred = f32(new double[][] {{1, 2}, {1, 1}, {5, 2}});
        // Per sample: |1| + |2| = 3, 0, 3.
        MyAbsoluteLoss loss = new MyAbsoluteLoss();
        assertClose(2.0, loss.apply(yTrue, yPred), 1e-7);
        assertClose(6.0, loss.reduction("sum").apply(yTrue, yPred), 1e-7);
        assertAllClose(new double[] {3, 0, 3}, loss.reduction("none").apply(yTrue, yPred), 1e-7);
        assertAllClose(new double[] {3, 0, 3}, loss.reduction(null).apply(yTrue, yPred), 1e-7);
        assertClose(2.0, loss.reduction("mean").apply(yTrue, yPred), 1e-7);
        Tensor w = f32(1, 2, 3);
        // mean_with_sample_weight: (3*1 + 0*2 + 3*3) / (1 + 2 + 3) = 2.
        assertClose(2.0, loss.reduction("mean_with_sample_weight").apply(yTrue, yPred, w), 1e-7);
        // Without weights mean_with_sample_weight divides by the number of values: 6 / 3.
        assertClose(2.0, loss.reduction("mean_with_sample_weight").apply(yTrue, yPred), 1e-7);
        assertClose(4.0, loss.reduction("sum_over_batch_size").apply(yTrue, yPred, w), 1e-7);
    }

    @Test void invalidReductionIsRejectedInKerasWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().reduction("avg"));
        assertTrue(e.getMessage().startsWith("Invalid value for argument `reduction`"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Received: reduction=avg"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Loss.reduceWeightedValues(f32(1, 2), null, null, "auto"));
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().name(""));
    }

    @Test void sampleWeightOfShapeBatchByOneIsSqueezedToThePerSampleLosses() {
        Tensor values = f64(1, 2, 3);
        Tensor w = Tensor.of(new double[] {2, 0, 1}, 3, 1);
        // (1*2 + 0 + 3*1) / 3 values.
        Tensor loss = Loss.reduceWeightedValues(values, w, null, "sum_over_batch_size");
        assertClose(5.0 / 3, loss, 1e-12);
        assertAllClose(new double[] {2, 0, 3}, Loss.reduceWeightedValues(values, w, null, "none"), 1e-12);
    }

    @Test void scalarSampleWeightScalesEveryLoss() {
        assertClose(2.5 * 6, Loss.reduceWeightedValues(f64(1, 2, 3), Tensor.scalar(2.5, DType.FLOAT64), null, "sum"), 1e-12);
    }

    @Test void zeroWeightsGiveZeroNotNan() {
        Tensor zeros = f64(0, 0, 0);
        assertClose(0.0, Loss.reduceWeightedValues(f64(1, 2, 3), zeros, null, "mean_with_sample_weight"), 0);
        assertClose(0.0, Loss.reduceWeightedValues(f64(1, 2, 3), zeros, null, "sum_over_batch_size"), 0);
    }

    @Test void maskAveragesOverValidEntriesOnly() {
        Tensor values = f64(1, 2, 3, 4);
        Tensor mask = f64(1, 0, 1, 1);
        assertClose((1 + 3 + 4) / 3.0, Loss.reduceWeightedValues(values, null, mask, "sum_over_batch_size"), 1e-12);
        assertClose((1 + 3 + 4) / 3.0, Loss.reduceWeightedValues(values, null, mask, "mean"), 1e-12);
        assertClose(8.0, Loss.reduceWeightedValues(values, null, mask, "sum"), 1e-12);
        assertAllClose(new double[] {1, 0, 3, 4}, Loss.reduceWeightedValues(values, null, mask, "none"), 1e-12);
        // Weights and mask multiply: weights [1, 0, 2, 2], weighted sum 1 + 6 + 8 = 15, over the weight sum 5.
        Tensor w = f64(1, 1, 2, 2);
        assertClose(3.0, Loss.reduceWeightedValues(values, w, mask, "mean_with_sample_weight"), 1e-12);
        // sum_over_batch_size with both: each valid weight scaled by 4/3, then divided by 4.
        assertClose(15.0 / 3, Loss.reduceWeightedValues(values, w, mask, "sum_over_batch_size"), 1e-12);
        assertClose(0.0, Loss.reduceWeightedValues(values, null, f64(0, 0, 0, 0), "sum_over_batch_size"), 0);
    }

    @Test void lossMaskReachesTheReduction() {
        Tensor yTrue = f64(-1, 0, 1, -1);
        Tensor yPred = f64(10, 2, 4, 10);
        assertClose(3.0, new Masked().apply(yTrue, yPred), 1e-12);
        assertClose(6.0, new Masked().reduction("sum").apply(yTrue, yPred), 1e-12);
    }

    @Test void scalarAndEmptyValuesAreReturnedUnreduced() {
        Tensor scalar = Tensor.scalar(3.5, DType.FLOAT32);
        assertSame(scalar, Loss.reduceWeightedValues(scalar, null, null, "sum_over_batch_size"));
        Tensor empty = Tensor.zeros(io.keras4j.tensor.Shape.of(0), DType.FLOAT32);
        assertShape(Loss.reduceWeightedValues(empty, null, null, "sum"), 0);
    }

    @Test void squeezeOrExpandMatchesKerasRules() {
        Tensor[] r = Loss.squeezeOrExpandToSameRank(Tensor.zeros(3), Tensor.zeros(3, 1));
        assertShape(r[0], 3, 1);
        assertShape(r[1], 3, 1);
        r = Loss.squeezeOrExpandToSameRank(Tensor.zeros(2, 3, 1), Tensor.zeros(2, 3));
        assertShape(r[0], 2, 3);
        assertShape(r[1], 2, 3);
        r = Loss.squeezeOrExpandToSameRank(Tensor.zeros(2, 3), Tensor.zeros(2, 3, 1));
        assertShape(r[0], 2, 3);
        assertShape(r[1], 2, 3);
        r = Loss.squeezeOrExpandToSameRank(Tensor.zeros(4), Tensor.zeros(4, 2));
        assertShape(r[0], 4);
        assertShape(r[1], 4, 2);
    }

    @Test void yTrueTakesYPredDtype() {
        Tensor yTrue = Tensor.ofInts(new int[] {1, 2, 3}, 3);
        assertEquals(DType.FLOAT32, new MeanSquaredError().apply(yTrue, f32(1, 2, 5)).dtype());
        assertEquals(DType.FLOAT64, new MeanSquaredError().apply(yTrue, f64(1, 2, 5)).dtype());
        // An integer yPred is computed in float32, Keras's floatx.
        Tensor loss = new MeanSquaredError().apply(yTrue, Tensor.ofInts(new int[] {1, 2, 5}, 3));
        assertEquals(DType.FLOAT32, loss.dtype());
        assertClose(4.0 / 3, loss, 1e-6);
    }

    @Test void configIsAnOrderedKerasMap() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "mse_loss");
        expected.put("reduction", null);
        Map<String, Object> config = new MeanSquaredError().name("mse_loss").reduction(null).getConfig();
        assertEquals(expected, config);
        assertNull(config.get("reduction"));
        assertEquals(java.util.List.of("name", "reduction"), java.util.List.copyOf(config.keySet()));
    }
}
