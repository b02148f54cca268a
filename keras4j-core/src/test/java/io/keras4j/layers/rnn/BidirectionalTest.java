package io.keras4j.layers.rnn;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.core.Input;
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

class BidirectionalTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    private final SplittableRandom r = new SplittableRandom(8);
    private final double[][] wf = ReferenceRnn.matrix(r, 2, 3), uf = ReferenceRnn.matrix(r, 3, 3);
    private final double[][] wb = ReferenceRnn.matrix(r, 2, 3), ub = ReferenceRnn.matrix(r, 3, 3);
    private final double[] bf = ReferenceRnn.vector(r, 3), bb = ReferenceRnn.vector(r, 3);
    private final double[][][] x = ReferenceRnn.sequence(r, 2, 4, 2);

    private Bidirectional layer(boolean returnSequences, String mergeMode) {
        Bidirectional l = new Bidirectional(new SimpleRNN(3).returnSequences(returnSequences)).mergeMode(mergeMode).dtype(DType.FLOAT64);
        l.ensureBuilt(Shape.of(-1, 4, 2));
        l.setWeights(List.of(ReferenceRnn.tensor(wf), ReferenceRnn.tensor(uf), Tensor.of(bf, 3),
                ReferenceRnn.tensor(wb), ReferenceRnn.tensor(ub), Tensor.of(bb, 3)));
        return l;
    }

    @Test void mergesForwardAndTimeAlignedBackwardOutputs() {
        double[][][] fwd = ReferenceRnn.simpleRnn(x, wf, uf, bf, ReferenceRnn.TANH, false, null);
        double[][][] bwd = ReferenceRnn.simpleRnn(x, wb, ub, bb, ReferenceRnn.TANH, true, null);
        // return_sequences: the backward output of step s belongs to time step T-1-s.
        Tensor y = layer(true, "concat").apply(ReferenceRnn.tensor(x));
        assertEquals(Shape.of(2, 4, 6), y.shape());
        double[] got = y.toDoubleArray();
        for (int n = 0; n < 2; n++) for (int t = 0; t < 4; t++) for (int j = 0; j < 3; j++) {
            assertEquals(fwd[n][t][j], got[(n * 4 + t) * 6 + j], 1e-12);
            assertEquals(bwd[n][3 - t][j], got[(n * 4 + t) * 6 + 3 + j], 1e-12);
        }
        double[] f = ReferenceRnn.last(fwd), b = ReferenceRnn.last(bwd);
        double[] sum = layer(false, "sum").apply(ReferenceRnn.tensor(x)).toDoubleArray();
        double[] mul = layer(false, "mul").apply(ReferenceRnn.tensor(x)).toDoubleArray();
        double[] ave = layer(false, "ave").apply(ReferenceRnn.tensor(x)).toDoubleArray();
        for (int i = 0; i < f.length; i++) {
            assertEquals(f[i] + b[i], sum[i], 1e-12);
            assertEquals(f[i] * b[i], mul[i], 1e-12);
            assertEquals((f[i] + b[i]) / 2, ave[i], 1e-12);
        }
        List<Tensor> both = layer(false, null).callWithStates(ReferenceRnn.tensor(x), null, false);
        assertArrayEquals(f, both.get(0).toDoubleArray(), 1e-12);
        assertArrayEquals(b, both.get(1).toDoubleArray(), 1e-12);
    }

    @Test void copiesAreNamedAndGoBackwards() {
        Bidirectional l = new Bidirectional(new LSTM(2).name("enc"));
        assertEquals("forward_enc", l.forwardLayer().name());
        assertEquals("backward_enc", l.backwardLayer().name());
        assertFalse(l.forwardLayer().goBackwards());
        assertTrue(l.backwardLayer().goBackwards());
        l.ensureBuilt(Shape.of(-1, 5, 3));
        assertEquals(6, l.weights().size());
        assertEquals(Shape.of(-1, 4), l.computeOutputShape(Shape.of(-1, 5, 3)));
    }

    @Test void keepsKeras2HardSigmoidInBothCopies() {
        LSTM inner = (LSTM) Layers.fromConfig("LSTM", Map.of("units", 2), 2);
        Bidirectional l = new Bidirectional(inner);
        Tensor v = Tensor.of(new double[] {1.0}, 1);
        assertEquals(0.7, ((LSTMCell) l.backwardLayer().cell()).recurrentActivation().apply(v).item(), 1e-12);
        assertEquals(0.7, ((LSTMCell) l.forwardLayer().cell()).recurrentActivation().apply(v).item(), 1e-12);
    }

    @Test void refusesAnUnknownMergeModeAndSameDirections() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bidirectional(new GRU(2)).mergeMode("max"));
        assertTrue(e.getMessage().startsWith("Invalid merge mode. Received: max"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Bidirectional(new GRU(2), new GRU(2)));
    }

    @Test void configRoundTrips() {
        Bidirectional l = new Bidirectional(new GRU(3).returnSequences(true)).mergeMode("ave");
        Map<String, Object> c = l.getConfig();
        assertEquals("ave", c.get("merge_mode"));
        assertEquals("GRU", ((Map<?, ?>) c.get("layer")).get("class_name"));
        assertEquals(true, ((Map<?, ?>) ((Map<?, ?>) c.get("backward_layer")).get("config")).get("go_backwards"));
        Bidirectional back = (Bidirectional) Layers.fromConfig("Bidirectional", c);
        assertEquals("ave", back.mergeMode());
        Map<String, Object> none = new java.util.HashMap<>(c);
        none.put("merge_mode", null);
        assertNull(((Bidirectional) Layers.fromConfig("Bidirectional", none)).mergeMode());
    }

    @Test void gradientFlowsThroughBothDirections() {
        Bidirectional l = layer(true, "concat");
        GradCheck.check(in -> l.apply(in.get(0)), ReferenceRnn.tensor(x));
        ReferenceRnn.checkWeightGradients(l, ReferenceRnn.tensor(x));
        assertEquals(Ops.sum(l.apply(ReferenceRnn.tensor(x))).dtype(), DType.FLOAT64);
    }

    private Bidirectional stateLayer(boolean returnSequences, String mergeMode) {
        Bidirectional l = new Bidirectional(new SimpleRNN(3).returnSequences(returnSequences).returnState(true)).mergeMode(mergeMode)
                .dtype(DType.FLOAT64);
        l.ensureBuilt(Shape.of(-1, 4, 2));
        l.setWeights(List.of(ReferenceRnn.tensor(wf), ReferenceRnn.tensor(uf), Tensor.of(bf, 3),
                ReferenceRnn.tensor(wb), ReferenceRnn.tensor(ub), Tensor.of(bb, 3)));
        return l;
    }

    @Test void returnStateGivesOutputThenForwardThenBackwardStates() {
        double[][] h0f = ReferenceRnn.matrix(r, 2, 3), h0b = ReferenceRnn.matrix(r, 2, 3);
        double[] f = ReferenceRnn.last(ReferenceRnn.simpleRnn(x, wf, uf, bf, ReferenceRnn.TANH, false, h0f));
        double[] b = ReferenceRnn.last(ReferenceRnn.simpleRnn(x, wb, ub, bb, ReferenceRnn.TANH, true, h0b));
        List<Tensor> out = stateLayer(false, "sum").applyAll(List.of(ReferenceRnn.tensor(x), Tensor.of(h0f), Tensor.of(h0b)), false);
        assertEquals(3, out.size());
        for (int i = 0; i < f.length; i++) assertEquals(f[i] + b[i], out.get(0).toDoubleArray()[i], 1e-12);
        assertArrayEquals(f, out.get(1).toDoubleArray(), 1e-12);
        assertArrayEquals(b, out.get(2).toDoubleArray(), 1e-12);
        // merge_mode=None: both outputs, then the states.
        assertEquals(4, stateLayer(false, null).applyAll(List.of(ReferenceRnn.tensor(x)), false).size());

        Bidirectional lstm = new Bidirectional(new LSTM(5).returnSequences(true).returnState(true));
        List<KerasTensor> sym = lstm.applyAll(List.of(Input.of(4, 2)));
        assertEquals(List.of(Shape.of(-1, 4, 10), Shape.of(-1, 5), Shape.of(-1, 5), Shape.of(-1, 5), Shape.of(-1, 5)),
                sym.stream().map(KerasTensor::shape).toList());
    }

    @Test void maskReachesBothDirections() {
        // Row 0 masked after step 2: both directions see only its first two steps.
        Tensor mask = Tensor.of(new double[] {1, 1, 0, 0, 1, 1, 1, 1}, 2, 4);
        double[][][] row0 = {java.util.Arrays.copyOf(x[0], 2)}, row1 = {x[1]};
        double[] got = layer(false, "concat").applyAll(List.of(ReferenceRnn.tensor(x)), List.of(mask), false).get(0).toDoubleArray();
        double[] f0 = ReferenceRnn.last(ReferenceRnn.simpleRnn(row0, wf, uf, bf, ReferenceRnn.TANH, false, null));
        double[] b0 = ReferenceRnn.last(ReferenceRnn.simpleRnn(row0, wb, ub, bb, ReferenceRnn.TANH, true, null));
        double[] f1 = ReferenceRnn.last(ReferenceRnn.simpleRnn(row1, wf, uf, bf, ReferenceRnn.TANH, false, null));
        double[] b1 = ReferenceRnn.last(ReferenceRnn.simpleRnn(row1, wb, ub, bb, ReferenceRnn.TANH, true, null));
        double[][] want = {f0, b0, f1, b1};
        for (int k = 0; k < 4; k++) assertArrayEquals(want[k], java.util.Arrays.copyOfRange(got, 3 * k, 3 * k + 3), 1e-12, "part " + k);
    }
}
