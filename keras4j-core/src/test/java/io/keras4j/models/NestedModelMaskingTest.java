package io.keras4j.models;

import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.core.Embedding;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.core.Masking;
import io.keras4j.layers.rnn.SimpleRNN;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A model used as a layer of another model keeps masks flowing both ways, as in Keras 3: the
 * masks of its outputs are those its own layers computed, and a mask on its input reaches its
 * layers (Functional.call(inputs, mask=...)).
 */
class NestedModelMaskingTest {
    private static final double[][] TABLE = {{0, 0}, {0.5, -0.2}, {0.1, 0.9}, {-0.7, 0.3}};
    private static final double[][] W = {{0.4, -0.6}, {0.2, 0.8}};
    private static final double[][] U = {{0.3, 0.1}, {-0.5, 0.2}};
    private static final double[] B = {0.05, -0.1};

    /** Keras's SimpleRNN (tanh) over the given steps, last state. */
    private static double[] rnn(double[][] steps) {
        double[] h = new double[2];
        for (double[] x : steps) {
            double[] next = new double[2];
            for (int j = 0; j < 2; j++) {
                double a = B[j];
                for (int i = 0; i < 2; i++) a += x[i] * W[i][j] + h[i] * U[i][j];
                next[j] = Math.tanh(a);
            }
            h = next;
        }
        return h;
    }

    /** ids {2, 3, 0, 0} and {1, 0, 0, 0}: the RNN must see only the non-zero ids' rows. */
    private static void assertSkipsPadding(Tensor y) {
        assertArrayEquals(rnn(new double[][] {TABLE[2], TABLE[3]}), java.util.Arrays.copyOfRange(y.toDoubleArray(), 0, 2), 1e-12);
        assertArrayEquals(rnn(new double[][] {TABLE[1]}), java.util.Arrays.copyOfRange(y.toDoubleArray(), 2, 4), 1e-12);
    }

    private static final Tensor IDS = Tensor.ofInts(new int[] {2, 3, 0, 0, 1, 0, 0, 0}, 2, 4);

    @Test void anInnerFunctionalModelsOutputMaskReachesTheOuterLayers() {
        KerasTensor innerIn = Input.of(Shape.of(4), DType.INT32, null);
        Embedding emb = new Embedding(4, 2).maskZero(true).dtype(DType.FLOAT64);
        Model inner = new Model(List.of(innerIn), List.of(emb.apply(innerIn)));
        KerasTensor in = Input.of(Shape.of(4), DType.INT32, null);
        SimpleRNN rnn = new SimpleRNN(2).dtype(DType.FLOAT64);
        Model outer = new Model(List.of(in), List.of(rnn.apply(inner.apply(in))));
        emb.setWeights(List.of(Tensor.of(TABLE)));
        rnn.setWeights(List.of(Tensor.of(W), Tensor.of(U), Tensor.of(B, 2)));
        assertSkipsPadding(outer.predictAll(List.of(IDS)).get(0));
    }

    @Test void anInnerSequentialsOutputMaskReachesTheOuterLayers() {
        Embedding emb = new Embedding(4, 2).maskZero(true).dtype(DType.FLOAT64);
        Sequential inner = new Sequential(emb);
        KerasTensor in = Input.of(Shape.of(4), DType.INT32, null);
        SimpleRNN rnn = new SimpleRNN(2).dtype(DType.FLOAT64);
        Model outer = new Model(List.of(in), List.of(rnn.apply(inner.apply(in))));
        emb.setWeights(List.of(Tensor.of(TABLE)));
        rnn.setWeights(List.of(Tensor.of(W), Tensor.of(U), Tensor.of(B, 2)));
        assertSkipsPadding(outer.predictAll(List.of(IDS)).get(0));
    }

    @Test void aMaskOnTheInnerModelsInputReachesItsLayers() {
        KerasTensor innerIn = Input.of(Shape.of(4, 2), DType.FLOAT64, null);
        SimpleRNN rnn = new SimpleRNN(2).dtype(DType.FLOAT64);
        Model inner = new Model(List.of(innerIn), List.of(rnn.apply(innerIn))).dtype(DType.FLOAT64);
        KerasTensor in = Input.of(Shape.of(4), DType.INT32, null);
        Embedding emb = new Embedding(4, 2).maskZero(true).dtype(DType.FLOAT64);
        Model outer = new Model(List.of(in), List.of(inner.apply(emb.apply(in))));
        emb.setWeights(List.of(Tensor.of(TABLE)));
        rnn.setWeights(List.of(Tensor.of(W), Tensor.of(U), Tensor.of(B, 2)));
        assertSkipsPadding(outer.predictAll(List.of(IDS)).get(0));
    }
}
