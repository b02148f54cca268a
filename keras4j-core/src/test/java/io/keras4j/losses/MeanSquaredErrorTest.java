package io.keras4j.losses;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.assertClose;
import static io.keras4j.losses.LossChecks.assertShape;
import static io.keras4j.losses.LossChecks.f32;
import static io.keras4j.losses.LossChecks.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Values from Keras's losses_test.py and its docstring, and from the formula mean((t - p)^2). */
class MeanSquaredErrorTest {
    static final Tensor Y_TRUE = ints(new int[][] {{1, 9, 2}, {-5, -2, 6}});
    static final Tensor Y_PRED = f32(new double[][] {{4, 8, 12}, {8, 1, 3}});
    /** Per sample: (9 + 1 + 100) / 3 and (169 + 9 + 9) / 3. */
    static final double[] PER_SAMPLE = {110.0 / 3, 187.0 / 3};

    @Test void unweighted() {
        assertClose(49.5, new MeanSquaredError().apply(Y_TRUE, Y_PRED), 1e-6);
        assertClose(0.0, new MeanSquaredError().apply(Y_TRUE, Tensor.of(new float[] {1, 9, 2, -5, -2, 6}, 2, 3)), 0);
    }

    @Test void docstringExample() {
        assertClose(0.02, new MeanSquaredError().apply(f32(1, 0, 1), f32(0.9, 0.1, 0.8)), 1e-6);
    }

    @Test void reductionsAndWeights() {
        assertAllClose(PER_SAMPLE, new MeanSquaredError().reduction("none").apply(Y_TRUE, Y_PRED), 1e-6);
        Tensor w = Tensor.scalar(2.3, DType.FLOAT32);
        assertClose(113.85, new MeanSquaredError().apply(Y_TRUE, Y_PRED, w), 1e-6);
        assertClose(227.7, new MeanSquaredError().reduction("sum").apply(Y_TRUE, Y_PRED, w), 1e-6);
        assertAllClose(new double[] {84.3333, 143.3666}, new MeanSquaredError().reduction(null).apply(Y_TRUE, Y_PRED, w), 1e-5);
        assertClose(0.0, new MeanSquaredError().apply(Y_TRUE, Y_PRED, Tensor.scalar(0, DType.FLOAT32)), 0);

        Tensor perSample = Tensor.of(new float[] {1.2f, 3.4f}, 2, 1);
        assertClose(767.8 / 6, new MeanSquaredError().apply(Y_TRUE, Y_PRED, perSample), 1e-6);
        double weighted = (PER_SAMPLE[0] * 1.2 + PER_SAMPLE[1] * 3.4) / (1.2 + 3.4);
        assertClose(weighted, new MeanSquaredError().reduction("mean_with_sample_weight").apply(Y_TRUE, Y_PRED, perSample), 1e-6);
    }

    @Test void timestepWeights() {
        Tensor yTrue = Tensor.of(new float[] {1, 9, 2, -5, -2, 6}, 2, 3, 1);
        Tensor yPred = Tensor.of(new float[] {4, 8, 12, 8, 1, 3}, 2, 3, 1);
        Tensor w = Tensor.of(new float[] {3, 6, 5, 0, 4, 2}, 2, 3);
        // Squared errors 9, 1, 100, 169, 9, 9 weighted by w, over 6 steps.
        double expected = (27 + 6 + 500 + 0 + 36 + 18) / 6.0;
        assertClose(expected, new MeanSquaredError().apply(yTrue, yPred, w), 1e-6);
        assertClose(97.833336, new MeanSquaredError().apply(yTrue, yPred, w), 1e-6);
    }

    @Test void rankOneLabelsAgainstColumnPredictions() {
        Tensor loss = Losses.meanSquaredError(Tensor.ofInts(new int[] {4, 8, 12}, 3), Tensor.of(new float[] {3, 0, 1}, 3, 1));
        assertShape(loss, 3);
        assertAllClose(new double[] {1, 64, 121}, loss, 1e-6);
    }

    @Test void config() {
        MeanSquaredError loss = new MeanSquaredError().name("mymse").reduction("sum");
        assertEquals(Map.of("name", "mymse", "reduction", "sum"), loss.getConfig());
        assertEquals(loss.getConfig(), MeanSquaredError.fromConfig(loss.getConfig()).getConfig());
        assertEquals("mean_squared_error", new MeanSquaredError().name());
        assertEquals("MeanSquaredError", loss.className());
    }
}
