package io.keras4j.layers.normalization;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BatchNormalization with a mask, Keras 3's {@code _moments(inputs, mask)}. */
class BatchNormalizationMaskingTest {
    // (batch 2, steps 3, features 2); mask (2, 3).
    private static final double[] X = {1, -1, 2, 0, 3, 5, 4, 2, 9, 9, 6, 1};
    private static final double[] M = {1, 1, 0, 1, 0, 0};

    /** Per feature f: mean = sum(m x) / (sum(m) + 1e-7); variance = sum(m (x - mean)^2) / (sum(m) + 1e-7). */
    private static double[][] maskedMoments() {
        double[] mean = new double[2], var = new double[2];
        for (int f = 0; f < 2; f++) {
            double sum = 0, count = 0;
            for (int p = 0; p < 6; p++) { sum += M[p] * X[p * 2 + f]; count += M[p]; }
            mean[f] = sum / (count + 1e-7);
            double sq = 0;
            for (int p = 0; p < 6; p++) sq += M[p] * Math.pow(X[p * 2 + f] - mean[f], 2);
            var[f] = sq / (count + 1e-7);
        }
        return new double[][] {mean, var};
    }

    @Test void trainingMomentsCountOnlyUnmaskedPositions() {
        BatchNormalization bn = new BatchNormalization().dtype(DType.FLOAT64);
        double[] got = bn.applyAll(List.of(Tensor.of(X, 2, 3, 2)), List.of(Tensor.of(M, 2, 3)), true).get(0).toDoubleArray();
        double[][] mv = maskedMoments();
        // Every position is normalised (masked ones too), with the masked moments; epsilon 1e-3.
        for (int p = 0; p < 6; p++) {
            for (int f = 0; f < 2; f++) {
                assertEquals((X[p * 2 + f] - mv[0][f]) / Math.sqrt(mv[1][f] + 1e-3), got[p * 2 + f], 1e-12, "position " + p + ", feature " + f);
            }
        }
        // moving = moving * 0.99 + batch * 0.01, from zeros and ones.
        assertArrayEquals(new double[] {0.01 * mv[0][0], 0.01 * mv[0][1]}, bn.movingMean().numpy().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0.99 + 0.01 * mv[1][0], 0.99 + 0.01 * mv[1][1]}, bn.movingVariance().numpy().toDoubleArray(), 1e-12);
    }

    @Test void inferenceIgnoresTheMaskAndPassesItOn() {
        BatchNormalization bn = new BatchNormalization().dtype(DType.FLOAT64);
        Tensor x = Tensor.of(X, 2, 3, 2), mask = Tensor.of(M, 2, 3);
        double[] got = bn.applyAll(List.of(x), List.of(mask), false).get(0).toDoubleArray();
        for (int i = 0; i < X.length; i++) assertEquals(X[i] / Math.sqrt(1 + 1e-3), got[i], 1e-12);
        assertSame(mask, bn.computeMasks(List.of(x), List.of(mask)).get(0), "Keras's BatchNormalization supports masking");
    }

    @Test void maskedTrainingGradientsMatchFiniteDifferences() {
        BatchNormalization bn = new BatchNormalization().dtype(DType.FLOAT64);
        Tensor mask = Tensor.of(M, 2, 3);
        io.keras4j.autodiff.GradCheck.check(in -> bn.applyAll(List.of(in.get(0)), List.of(mask), true).get(0), Tensor.of(X, 2, 3, 2));
    }

    @Test void refusesAMaskOfTheWrongRank() {
        BatchNormalization bn = new BatchNormalization().dtype(DType.FLOAT64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bn.applyAll(List.of(Tensor.of(X, 2, 3, 2)), List.of(Tensor.of(X, 2, 3, 2)), true));
        assertTrue(e.getMessage().startsWith("The mask provided should be one dimension less than the inputs."), e.getMessage());
    }
}
