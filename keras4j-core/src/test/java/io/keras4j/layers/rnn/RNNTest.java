package io.keras4j.layers.rnn;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.layers.core.Embedding;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.core.Masking;
import io.keras4j.layers.pooling.GlobalAveragePooling1D;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class RNNTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void genericLayerOverACellEqualsTheNamedLayer() {
        SplittableRandom r = new SplittableRandom(2);
        double[][] w = ReferenceRnn.matrix(r, 3, 8), u = ReferenceRnn.matrix(r, 2, 8);
        double[] b = ReferenceRnn.vector(r, 8);
        double[][][] x = ReferenceRnn.sequence(r, 1, 3, 3);
        RNN l = new RNN(new LSTMCell(2)).dtype(DType.FLOAT64);
        l.ensureBuilt(Shape.of(-1, 3, 3));
        assertEquals(3, l.weights().size());
        l.setWeights(List.of(ReferenceRnn.tensor(w), ReferenceRnn.tensor(u), Tensor.of(b, 8)));
        assertArrayEquals(ReferenceRnn.last(ReferenceRnn.lstm(x, w, u, b, ReferenceRnn.TANH, ReferenceRnn.SIGMOID, false)),
                l.apply(ReferenceRnn.tensor(x)).toDoubleArray(), 1e-12);
    }

    @Test void initialStateIsUsed() {
        SplittableRandom r = new SplittableRandom(4);
        double[][] w = ReferenceRnn.matrix(r, 2, 3), u = ReferenceRnn.matrix(r, 3, 3), h0 = ReferenceRnn.matrix(r, 2, 3);
        double[] b = ReferenceRnn.vector(r, 3);
        double[][][] x = ReferenceRnn.sequence(r, 2, 3, 2);
        RNN l = new RNN(new SimpleRNNCell(3)).returnSequences(true).dtype(DType.FLOAT64);
        l.ensureBuilt(Shape.of(-1, 3, 2));
        l.setWeights(List.of(ReferenceRnn.tensor(w), ReferenceRnn.tensor(u), Tensor.of(b, 3)));
        List<Tensor> out = l.callWithStates(ReferenceRnn.tensor(x), List.of(Tensor.of(h0)), false);
        double[][][] want = ReferenceRnn.simpleRnn(x, w, u, b, ReferenceRnn.TANH, false, h0);
        assertArrayEquals(ReferenceRnn.flat(want), out.get(0).toDoubleArray(), 1e-12);
        assertArrayEquals(ReferenceRnn.last(want), out.get(1).toDoubleArray(), 1e-12);
    }

    @Test void configSerialisesTheCellAndRoundTrips() {
        RNN l = new RNN(new GRUCell(3).resetAfter(false)).goBackwards(true);
        Map<String, Object> c = l.getConfig();
        Map<?, ?> cell = (Map<?, ?>) c.get("cell");
        assertEquals("GRUCell", cell.get("class_name"));
        assertEquals(false, ((Map<?, ?>) cell.get("config")).get("reset_after"));
        RNN back = (RNN) Layers.fromConfig("RNN", c);
        assertTrue(back.cell() instanceof GRUCell);
        assertTrue(back.goBackwards());
        assertEquals(Shape.of(4, 3), back.computeOutputShape(Shape.of(4, 7, 5)));
    }

    @Test void trainableFlagReachesTheCellWeights() {
        RNN l = new RNN(new SimpleRNNCell(2));
        l.ensureBuilt(Shape.of(-1, 3, 2));
        assertEquals(3, l.trainableWeights().size());
        l.trainable(false);
        assertEquals(0, l.trainableWeights().size());
        assertEquals(3, l.nonTrainableWeights().size());
    }

    // ------------------------------------------------------------------ return_state / initial_state

    /** SimpleRNN(1, linear), kernel 1, recurrent 0.5, bias 0: h_t = x_t + 0.5 h_{t-1}. */
    private static SimpleRNN halfDecay() { return halfDecay(new SimpleRNN(1)); }

    /** {@code l} (its options set) made the half-decay SimpleRNN. */
    private static SimpleRNN halfDecay(SimpleRNN l) {
        l.activation("linear").dtype(DType.FLOAT64);
        l.ensureBuilt(Shape.of(-1, 3, 1));
        l.setWeights(List.of(Tensor.of(new double[] {1}, 1, 1), Tensor.of(new double[] {0.5}, 1, 1), Tensor.of(new double[] {0}, 1)));
        return l;
    }

    private static final Tensor ONE_TWO_THREE = Tensor.of(new double[] {1, 2, 3}, 1, 3, 1);

    @Test void returnStateGivesOutputThenStatesEagerlyAndSymbolically() {
        // x = [1, 2, 3]: h = 1, 2.5, 4.25.
        SimpleRNN l = halfDecay(new SimpleRNN(1).returnSequences(true).returnState(true));
        List<Tensor> out = l.applyAll(List.of(ONE_TWO_THREE), false);
        assertEquals(2, out.size());
        assertArrayEquals(new double[] {1, 2.5, 4.25}, out.get(0).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {4.25}, out.get(1).toDoubleArray(), 1e-12);
        assertThrows(IllegalStateException.class, () -> l.apply(ONE_TWO_THREE));

        LSTM lstm = new LSTM(4).returnState(true);
        List<KerasTensor> sym = lstm.applyAll(List.of(Input.of(5, 3)));
        assertEquals(List.of(Shape.of(-1, 4), Shape.of(-1, 4), Shape.of(-1, 4)), sym.stream().map(KerasTensor::shape).toList());
        GRU gru = new GRU(2).returnSequences(true).returnState(true);
        assertEquals(List.of(Shape.of(-1, 5, 2), Shape.of(-1, 2)), gru.applyAll(List.of(Input.of(5, 3))).stream().map(KerasTensor::shape).toList());
    }

    @Test void extraInputsAreTheInitialStates() {
        // From h0 = 2: h = 1 + 1 = 2, 2 + 1 = 3, 3 + 1.5 = 4.5.
        SimpleRNN l = halfDecay();
        Tensor h0 = Tensor.of(new double[] {2}, 1, 1);
        assertArrayEquals(new double[] {4.5}, l.applyAll(List.of(ONE_TWO_THREE, h0), false).get(0).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {4.5}, l.callWithStates(ONE_TWO_THREE, List.of(h0), false).get(0).toDoubleArray(), 1e-12);
        LSTM lstm = new LSTM(2);
        lstm.ensureBuilt(Shape.of(-1, 3, 1));
        Tensor z = Tensor.zeros(Shape.of(1, 2), DType.FLOAT32);
        assertThrows(IllegalArgumentException.class, () -> lstm.applyAll(List.of(ONE_TWO_THREE, z), false));
    }

    @Test void encoderStatesFeedADecoderInAFunctionalModel() {
        SplittableRandom r = new SplittableRandom(11);
        double[][] w1 = ReferenceRnn.matrix(r, 2, 3), u1 = ReferenceRnn.matrix(r, 3, 3), w2 = ReferenceRnn.matrix(r, 2, 3), u2 = ReferenceRnn.matrix(r, 3, 3);
        double[] b1 = ReferenceRnn.vector(r, 3), b2 = ReferenceRnn.vector(r, 3);
        double[][][] xe = ReferenceRnn.sequence(r, 2, 4, 2), xd = ReferenceRnn.sequence(r, 2, 3, 2);

        KerasTensor encIn = Input.of(4, 2), decIn = Input.of(3, 2);
        SimpleRNN encoder = new SimpleRNN(3).returnState(true).dtype(DType.FLOAT64);
        SimpleRNN decoder = new SimpleRNN(3).returnSequences(true).dtype(DType.FLOAT64);
        List<KerasTensor> enc = encoder.applyAll(List.of(encIn));
        KerasTensor y = decoder.applyAll(List.of(decIn, enc.get(1))).get(0);
        Model model = new Model(List.of(encIn, decIn), List.of(y));
        encoder.setWeights(List.of(Tensor.of(w1), Tensor.of(u1), Tensor.of(b1, 3)));
        decoder.setWeights(List.of(Tensor.of(w2), Tensor.of(u2), Tensor.of(b2, 3)));

        double[][][] encOut = ReferenceRnn.simpleRnn(xe, w1, u1, b1, ReferenceRnn.TANH, false, null);
        double[][] h = new double[2][];
        for (int n = 0; n < 2; n++) h[n] = encOut[n][3];
        double[][][] want = ReferenceRnn.simpleRnn(xd, w2, u2, b2, ReferenceRnn.TANH, false, h);
        Tensor got = model.predictAll(List.of(ReferenceRnn.tensor(xe), ReferenceRnn.tensor(xd))).get(0);
        assertArrayEquals(ReferenceRnn.flat(want), got.toDoubleArray(), 1e-6);
    }

    @Test void lstmReturnsHThenC() {
        SplittableRandom r = new SplittableRandom(5);
        LSTM l = new LSTM(2).returnState(true).dtype(DType.FLOAT64);
        double[][] w = ReferenceRnn.matrix(r, 3, 8), u = ReferenceRnn.matrix(r, 2, 8);
        double[] b = ReferenceRnn.vector(r, 8);
        double[][][] x = ReferenceRnn.sequence(r, 2, 3, 3);
        l.ensureBuilt(Shape.of(-1, 3, 3));
        l.setWeights(List.of(Tensor.of(w), Tensor.of(u), Tensor.of(b, 8)));
        List<Tensor> out = l.applyAll(List.of(ReferenceRnn.tensor(x)), false);
        assertEquals(3, out.size());
        double[] h = ReferenceRnn.last(ReferenceRnn.lstm(x, w, u, b, ReferenceRnn.TANH, ReferenceRnn.SIGMOID, false));
        assertArrayEquals(h, out.get(0).toDoubleArray(), 1e-12);
        assertArrayEquals(h, out.get(1).toDoubleArray(), 1e-12);
        // h = o * tanh(c) with o in (0, 1): |tanh(c)| >= |h|, and the signs agree.
        double[] c = out.get(2).toDoubleArray();
        for (int i = 0; i < h.length; i++) {
            assertTrue(Math.abs(Math.tanh(c[i])) >= Math.abs(h[i]) && Math.signum(c[i]) == Math.signum(h[i]), "c=" + c[i] + " h=" + h[i]);
        }
        // Feeding the final states back in continues the sequence: run 3 steps + 3 steps = 6 steps at once.
        double[][][] x6 = new double[2][6][];
        for (int n = 0; n < 2; n++) for (int s = 0; s < 6; s++) x6[n][s] = x[n][s % 3];
        List<Tensor> again = l.applyAll(List.of(ReferenceRnn.tensor(x), out.get(1), out.get(2)), false);
        assertArrayEquals(ReferenceRnn.last(ReferenceRnn.lstm(x6, w, u, b, ReferenceRnn.TANH, ReferenceRnn.SIGMOID, false)),
                again.get(0).toDoubleArray(), 1e-12);
    }

    // ------------------------------------------------------------------ masking

    private static final Tensor MASK_101 = Tensor.of(new double[] {1, 0, 1}, 1, 3);

    @Test void maskedStepsCarryOutputAndState() {
        // x = [1, 2, 3], mask [1, 0, 1]: h = 1; step 2 skipped (output 1, state 1); h = 3 + 0.5 = 3.5.
        SimpleRNN seq = halfDecay(new SimpleRNN(1).returnSequences(true));
        assertArrayEquals(new double[] {1, 1, 3.5}, seq.callWithStates(ONE_TWO_THREE, null, MASK_101, false).get(0).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {3.5}, halfDecay().applyAll(List.of(ONE_TWO_THREE), List.of(MASK_101), false).get(0).toDoubleArray(), 1e-12);
        // zero_output_for_mask: the skipped step outputs 0, the state still carries over.
        SimpleRNN zeros = halfDecay(new SimpleRNN(1).returnSequences(true).zeroOutputForMask(true));
        assertArrayEquals(new double[] {1, 0, 3.5}, zeros.callWithStates(ONE_TWO_THREE, null, MASK_101, false).get(0).toDoubleArray(), 1e-12);
        // A masked first step outputs zeros and keeps the zero state: mask [0, 1, 1] → 0, 2, 3 + 1 = 4.
        Tensor mask011 = Tensor.ofInts(new int[] {0, 1, 1}, 1, 3);
        assertArrayEquals(new double[] {0, 2, 4}, halfDecay(new SimpleRNN(1).returnSequences(true)).callWithStates(ONE_TWO_THREE, null, mask011, false)
                .get(0).toDoubleArray(), 1e-12);
        // go_backwards reads the mask backwards with the steps: 3; skip (3); 1 + 1.5 = 2.5.
        SimpleRNN back = halfDecay(new SimpleRNN(1).returnSequences(true).goBackwards(true));
        assertArrayEquals(new double[] {3, 3, 2.5}, back.callWithStates(ONE_TWO_THREE, null, MASK_101, false).get(0).toDoubleArray(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> halfDecay().callWithStates(ONE_TWO_THREE, null, Tensor.of(new double[] {1, 1}, 1, 2), false));
    }

    @Test void outputMaskFollowsReturnSequences() {
        assertSame(MASK_101, halfDecay(new SimpleRNN(1).returnSequences(true)).computeMask(ONE_TWO_THREE, MASK_101));
        assertNull(halfDecay().computeMask(ONE_TWO_THREE, MASK_101));
        List<Tensor> masks = halfDecay(new SimpleRNN(1).returnSequences(true).returnState(true)).computeMasks(List.of(ONE_TWO_THREE), List.of(MASK_101));
        assertEquals(2, masks.size());
        assertSame(MASK_101, masks.get(0));
        assertNull(masks.get(1));
        assertEquals(true, halfDecay(new SimpleRNN(1).zeroOutputForMask(true)).getConfig().get("zero_output_for_mask"));
        assertTrue(((SimpleRNN) Layers.fromConfig("SimpleRNN", Map.of("units", 1, "zero_output_for_mask", true))).zeroOutputForMask());
    }

    /** Rows padded with zero steps (after or before), and their unpadded lengths. */
    private static double[][][] padded(double[][][] x, int[] lengths, boolean pre) {
        int steps = x[0].length, features = x[0][0].length;
        double[][][] out = new double[x.length][steps][features];
        for (int n = 0; n < x.length; n++) {
            for (int s = 0; s < lengths[n]; s++) out[n][pre ? steps - lengths[n] + s : s] = x[n][s].clone();
        }
        return out;
    }

    @Test void maskingThenLstmEqualsLstmOnTheUnpaddedSequences() {
        SplittableRandom r = new SplittableRandom(21);
        double[][] w = ReferenceRnn.matrix(r, 3, 8), u = ReferenceRnn.matrix(r, 2, 8);
        double[] b = ReferenceRnn.vector(r, 8);
        double[][][] x = ReferenceRnn.sequence(r, 3, 5, 3);
        int[] lengths = {5, 3, 1};
        for (boolean pre : new boolean[] {false, true}) {
            LSTM lstm = new LSTM(2).dtype(DType.FLOAT64);
            Sequential model = new Sequential(new Masking().dtype(DType.FLOAT64), lstm).dtype(DType.FLOAT64);
            model.buildFrom(Shape.of(-1, 5, 3));
            lstm.setWeights(List.of(Tensor.of(w), Tensor.of(u), Tensor.of(b, 8)));
            double[] got = model.apply(ReferenceRnn.tensor(padded(x, lengths, pre))).toDoubleArray();
            for (int n = 0; n < 3; n++) {
                double[][][] row = {java.util.Arrays.copyOf(x[n], lengths[n])};
                double[] want = ReferenceRnn.last(ReferenceRnn.lstm(row, w, u, b, ReferenceRnn.TANH, ReferenceRnn.SIGMOID, false));
                assertArrayEquals(want, java.util.Arrays.copyOfRange(got, 2 * n, 2 * n + 2), 1e-12, "row " + n + (pre ? " pre" : " post"));
            }
        }
    }

    @Test void embeddingMaskZeroThenLstmInAFunctionalModelWithMaskedPooling() {
        SplittableRandom r = new SplittableRandom(8);
        double[][] table = ReferenceRnn.matrix(r, 5, 3), w = ReferenceRnn.matrix(r, 3, 8), u = ReferenceRnn.matrix(r, 2, 8);
        double[] b = ReferenceRnn.vector(r, 8);
        int[][] ids = {{3, 1, 4, 0, 0}, {2, 0, 0, 0, 0}};
        KerasTensor in = Input.of(Shape.of(5), DType.INT32, null);
        Embedding emb = new Embedding(5, 3).maskZero(true).dtype(DType.FLOAT64);
        LSTM lstm = new LSTM(2).returnSequences(true).dtype(DType.FLOAT64);
        KerasTensor y = new GlobalAveragePooling1D().dtype(DType.FLOAT64).apply(lstm.apply(emb.apply(in)));
        Model model = new Model(List.of(in), List.of(y));
        emb.setWeights(List.of(Tensor.of(table)));
        lstm.setWeights(List.of(Tensor.of(w), Tensor.of(u), Tensor.of(b, 8)));
        int[] flatIds = {3, 1, 4, 0, 0, 2, 0, 0, 0, 0};
        double[] got = model.predictAll(List.of(Tensor.ofInts(flatIds, 2, 5))).get(0).toDoubleArray();
        for (int n = 0; n < 2; n++) {
            int len = n == 0 ? 3 : 1;
            double[][][] row = new double[1][len][];
            for (int s = 0; s < len; s++) row[0][s] = table[ids[n][s]];
            double[][] outs = ReferenceRnn.lstm(row, w, u, b, ReferenceRnn.TANH, ReferenceRnn.SIGMOID, false)[0];
            // The pooling averages only the unmasked steps.
            double[] want = new double[2];
            for (double[] o : outs) for (int j = 0; j < 2; j++) want[j] += o[j] / len;
            assertArrayEquals(want, java.util.Arrays.copyOfRange(got, 2 * n, 2 * n + 2), 1e-12, "row " + n);
        }
    }

    @Test void gradientsThroughAMaskedLstm() {
        LSTM l = new LSTM(2).returnSequences(true).dtype(DType.FLOAT64);
        l.ensureBuilt(Shape.of(-1, 4, 3));
        Tensor mask = Tensor.of(new double[] {1, 0, 1, 1, 0, 1, 1, 0}, 2, 4);
        Tensor x = GradCheck.uniform(3, -1, 1, 2, 4, 3), h0 = GradCheck.uniform(4, -1, 1, 2, 2), c0 = GradCheck.uniform(5, -1, 1, 2, 2);
        GradCheck.check(in -> l.callWithStates(in.get(0), List.of(in.get(1), in.get(2)), mask, false).get(0), x, h0, c0);
        GradCheck.check(in -> l.callWithStates(in.get(0), List.of(in.get(1), in.get(2)), mask, false).get(2), x, h0, c0);
    }

    @Test void aMaskedModelTrainsAndIgnoresPadding() {
        io.keras4j.random.Random.setSeed(3);
        Sequential model = new Sequential(new Embedding(5, 4).maskZero(true), new LSTM(3), new io.keras4j.layers.core.Dense(1).activation("sigmoid"));
        // Label: whether token 1 occurs; sequences padded with zeros after their tokens.
        int[][] rows = {{1, 2, 0, 0}, {3, 4, 0, 0}, {2, 1, 3, 0}, {4, 0, 0, 0}, {1, 0, 0, 0}, {3, 2, 4, 2}};
        double[] labels = {1, 0, 1, 0, 1, 0};
        int[] flat = java.util.Arrays.stream(rows).flatMapToInt(java.util.Arrays::stream).toArray();
        model.compile("adam", "binary_crossentropy");
        var history = model.fit(Tensor.ofInts(flat, 6, 4), Tensor.of(labels, 6, 1), new io.keras4j.trainers.FitOptions().epochs(30).batchSize(6).verbose(0));
        List<Double> loss = history.history().get("loss");
        assertTrue(loss.get(loss.size() - 1) < loss.get(0), "loss " + loss);
        // More padding after the tokens changes nothing once masked.
        Tensor short4 = model.predict(Tensor.ofInts(new int[] {2, 1, 0, 0}, 1, 4));
        Tensor long7 = model.predict(Tensor.ofInts(new int[] {2, 1, 0, 0, 0, 0, 0}, 1, 7));
        assertArrayEquals(short4.toDoubleArray(), long7.toDoubleArray(), 1e-6);
    }
}
