package io.keras4j.layers.rnn;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class SimpleRNNTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    private final SplittableRandom r = new SplittableRandom(11);
    private final double[][] w = ReferenceRnn.matrix(r, 2, 3);
    private final double[][] u = ReferenceRnn.matrix(r, 3, 3);
    private final double[] b = ReferenceRnn.vector(r, 3);
    private final double[][][] x = ReferenceRnn.sequence(r, 2, 5, 2);

    private SimpleRNN layer(SimpleRNN l) {
        l.dtype(DType.FLOAT64);
        l.ensureBuilt(Shape.of(2, 5, 2));
        l.setWeights(List.of(ReferenceRnn.tensor(w), ReferenceRnn.tensor(u), Tensor.of(b, 3)));
        return l;
    }

    @Test void matchesThePlainLoopForwardAndBackward() {
        for (boolean backwards : new boolean[] {false, true}) {
            double[][][] want = ReferenceRnn.simpleRnn(x, w, u, b, ReferenceRnn.TANH, backwards, null);
            Tensor seq = layer(new SimpleRNN(3).returnSequences(true).goBackwards(backwards)).apply(ReferenceRnn.tensor(x));
            assertEquals(Shape.of(2, 5, 3), seq.shape());
            assertArrayEquals(ReferenceRnn.flat(want), seq.toDoubleArray(), 1e-12);
            Tensor last = layer(new SimpleRNN(3).goBackwards(backwards)).apply(ReferenceRnn.tensor(x));
            assertEquals(Shape.of(2, 3), last.shape());
            assertArrayEquals(ReferenceRnn.last(want), last.toDoubleArray(), 1e-12);
        }
    }

    @Test void statefulCarriesTheStateUntilReset() {
        SimpleRNN l = layer(new SimpleRNN(3).stateful(true));
        Tensor in = ReferenceRnn.tensor(x);
        Tensor first = l.apply(in);
        Tensor second = l.apply(in);
        // The second call starts from the first call's final state.
        double[][] h = new double[2][];
        double[][][] once = ReferenceRnn.simpleRnn(x, w, u, b, ReferenceRnn.TANH, false, null);
        for (int n = 0; n < 2; n++) h[n] = once[n][4];
        assertArrayEquals(ReferenceRnn.last(ReferenceRnn.simpleRnn(x, w, u, b, ReferenceRnn.TANH, false, h)), second.toDoubleArray(), 1e-12);
        l.resetStates();
        assertArrayEquals(first.toDoubleArray(), l.apply(in).toDoubleArray(), 1e-15);
    }

    @Test void statefulNeedsAKnownBatchSize() {
        SimpleRNN l = new SimpleRNN(2).stateful(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.ensureBuilt(Shape.of(-1, 3, 2)));
        assertTrue(e.getMessage().startsWith("If a RNN is stateful, it needs to know its batch size"), e.getMessage());
    }

    @Test void inputDropoutMaskIsFixedAcrossTimeSteps() {
        // With a zero recurrent kernel and the same input at every step, every step's output is
        // equal exactly when the same mask is used at every step.
        SimpleRNN l = new SimpleRNN(8).dropout(0.5).returnSequences(true).seed(42).recurrentInitializer("zeros").dtype(DType.FLOAT64);
        Tensor step = Tensor.of(ReferenceRnn.matrix(r, 4, 8));
        Tensor in = Ops.stack(List.of(step, step, step), 1);
        Tensor y = l.apply(in, true);
        Tensor y0 = Ops.slice(y, new int[] {0, 0, 0}, new int[] {4, 1, 8});
        for (int t = 1; t < 3; t++) assertArrayEquals(y0.toDoubleArray(), Ops.slice(y, new int[] {0, t, 0}, new int[] {4, 1, 8}).toDoubleArray());
        Tensor inference = l.apply(in, false);
        assertFalse(java.util.Arrays.equals(inference.toDoubleArray(), y.toDoubleArray()), "dropout had no effect in training");
        // Inference ignores dropout: the same as a layer without it.
        assertArrayEquals(Ops.slice(inference, new int[] {0, 0, 0}, new int[] {4, 1, 8}).toDoubleArray(),
                Ops.slice(inference, new int[] {0, 2, 0}, new int[] {4, 1, 8}).toDoubleArray());
    }

    @Test void recurrentDropoutActsInTrainingOnlyAndFollowsTheSeed() {
        Tensor in = ReferenceRnn.tensor(x);
        Tensor a = layer(new SimpleRNN(3).recurrentDropout(0.5).seed(7)).apply(in, true);
        Tensor again = layer(new SimpleRNN(3).recurrentDropout(0.5).seed(7)).apply(in, true);
        Tensor inference = layer(new SimpleRNN(3).recurrentDropout(0.5).seed(7)).apply(in, false);
        assertArrayEquals(a.toDoubleArray(), again.toDoubleArray());
        assertFalse(java.util.Arrays.equals(a.toDoubleArray(), inference.toDoubleArray()), "recurrent dropout had no effect in training");
        assertArrayEquals(ReferenceRnn.last(ReferenceRnn.simpleRnn(x, w, u, b, ReferenceRnn.TANH, false, null)), inference.toDoubleArray(), 1e-12);
    }

    @Test void configRoundTripsThroughTheRegistry() {
        SimpleRNN l = new SimpleRNN(4).activation("relu").returnSequences(true).goBackwards(true).dropout(0.25);
        Map<String, Object> c = l.getConfig();
        for (String key : List.of("name", "trainable", "dtype", "return_sequences", "return_state", "go_backwards", "stateful",
                "unroll", "zero_output_for_mask", "units", "activation", "use_bias", "kernel_initializer", "recurrent_initializer",
                "bias_initializer", "dropout", "recurrent_dropout", "seed", "activity_regularizer")) {
            assertTrue(c.containsKey(key), key);
        }
        assertFalse(c.containsKey("cell"));
        SimpleRNN back = (SimpleRNN) Layers.fromConfig("SimpleRNN", c);
        assertEquals(c, back.getConfig());
        assertEquals(Shape.of(-1, 7, 4), back.computeOutputShape(Shape.of(-1, 7, 3)));
    }

    @Test void rejectsInputsOfOtherRank() {
        SimpleRNN l = new SimpleRNN(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.apply(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("expected ndim=3, found ndim=2"), e.getMessage());
    }
}
