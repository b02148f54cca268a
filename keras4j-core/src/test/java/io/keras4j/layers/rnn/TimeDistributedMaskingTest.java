package io.keras4j.layers.rnn;

import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.core.Embedding;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.normalization.BatchNormalization;
import io.keras4j.models.Model;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TimeDistributed hands each time step's slice of the mask to the wrapped layer, as Keras 3 does. */
class TimeDistributedMaskingTest {

    /**
     * Embedding(mask_zero) on (batch, sentences, words) ids, then TimeDistributed(SimpleRNN): each
     * sentence's RNN must skip its padded words, i.e. equal the RNN run on the unpadded words.
     */
    @Test void wrappedRnnSkipsTheMaskedStepsOfEachSlice() {
        SplittableRandom r = new SplittableRandom(11);
        double[][] table = ReferenceRnn.matrix(r, 5, 2), w = ReferenceRnn.matrix(r, 2, 3), u = ReferenceRnn.matrix(r, 3, 3);
        double[] b = ReferenceRnn.vector(r, 3);
        int[][][] ids = {{{1, 2, 3}, {4, 0, 0}}, {{2, 3, 0}, {3, 1, 4}}};
        KerasTensor in = Input.of(Shape.of(2, 3), DType.INT32, null);
        Embedding emb = new Embedding(5, 2).maskZero(true).dtype(DType.FLOAT64);
        SimpleRNN rnn = new SimpleRNN(3).dtype(DType.FLOAT64);
        TimeDistributed td = new TimeDistributed(rnn).dtype(DType.FLOAT64);
        Model model = new Model(List.of(in), List.of(td.apply(emb.apply(in))));
        emb.setWeights(List.of(Tensor.of(table)));
        rnn.setWeights(List.of(Tensor.of(w), Tensor.of(u), Tensor.of(b, 3)));
        int[] flat = Arrays.stream(ids).flatMap(Arrays::stream).flatMapToInt(Arrays::stream).toArray();
        double[] got = model.predictAll(List.of(Tensor.ofInts(flat, 2, 2, 3))).get(0).toDoubleArray();
        for (int n = 0; n < 2; n++) {
            for (int s = 0; s < 2; s++) {
                int len = (int) Arrays.stream(ids[n][s]).filter(v -> v != 0).count();
                double[][][] words = new double[1][len][];
                for (int k = 0; k < len; k++) words[0][k] = table[ids[n][s][k]];
                double[] want = ReferenceRnn.last(ReferenceRnn.simpleRnn(words, w, u, b, ReferenceRnn.TANH, false, null));
                int at = (n * 2 + s) * 3;
                assertArrayEquals(want, Arrays.copyOfRange(got, at, at + 3), 1e-12, "sample " + n + ", sentence " + s);
            }
        }
    }

    /**
     * Keras calls the wrapped layer once per step, so a training BatchNormalization normalises each
     * step with that step's batch moments, over the unmasked samples: mean = sum(m x) / (sum(m) + 1e-7),
     * variance = sum(m (x - mean)^2) / (sum(m) + 1e-7), y = (x - mean) / sqrt(variance + 1e-3).
     */
    @Test void batchNormalizationGetsEachStepsMomentsAndMask() {
        double[] x = {1, 10, 2, 20, 4, 50}; // (batch 3, steps 2, features 1)
        double[] m = {1, 1, 1, 0, 1, 1};
        TimeDistributed td = new TimeDistributed(new BatchNormalization().dtype(DType.FLOAT64)).dtype(DType.FLOAT64);
        double[] got = td.applyAll(List.of(Tensor.of(x, 3, 2, 1)), List.of(Tensor.of(m, 3, 2)), true).get(0).toDoubleArray();
        for (int t = 0; t < 2; t++) {
            double sum = 0, count = 0;
            for (int n = 0; n < 3; n++) { sum += m[n * 2 + t] * x[n * 2 + t]; count += m[n * 2 + t]; }
            double mean = sum / (count + 1e-7), sq = 0;
            for (int n = 0; n < 3; n++) sq += m[n * 2 + t] * Math.pow(x[n * 2 + t] - mean, 2);
            double var = sq / (count + 1e-7);
            for (int n = 0; n < 3; n++) {
                assertEquals((x[n * 2 + t] - mean) / Math.sqrt(var + 1e-3), got[n * 2 + t], 1e-12, "sample " + n + ", step " + t);
            }
        }
    }

    @Test void passesNoMaskOn() {
        TimeDistributed td = new TimeDistributed(new io.keras4j.layers.core.Dense(2));
        Tensor mask = Tensor.of(new float[] {1, 0}, 1, 2);
        assertNull(td.computeMasks(List.of(Tensor.zeros(Shape.of(1, 2, 3), DType.FLOAT32)), List.of(mask)).get(0));
    }

    @Test void refusesAMaskThatDoesNotMatchBatchAndTime() {
        TimeDistributed td = new TimeDistributed(new io.keras4j.layers.core.Dense(2));
        Tensor x = Tensor.zeros(Shape.of(2, 3, 4), DType.FLOAT32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> td.applyAll(List.of(x), List.of(Tensor.zeros(Shape.of(2, 4), DType.FLOAT32)), false));
        assertTrue(e.getMessage().contains("Expected mask shape prefix: (2, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> td.applyAll(List.of(x), List.of(Tensor.zeros(Shape.of(2), DType.FLOAT32)), false));
        assertTrue(e.getMessage().contains("must be at least 2D"), e.getMessage());
    }
}
