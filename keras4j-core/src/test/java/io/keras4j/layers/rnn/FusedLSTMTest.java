package io.keras4j.layers.rnn;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.autodiff.GradientTape;
import io.keras4j.autodiff.Primitives;
import io.keras4j.layers.Layer;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The fused LSTM recurrence ({@link Primitives#lstm}, used by {@link LSTM} with its standard
 * activations and no mask or recurrent dropout): its backpropagation through time against float64
 * finite differences, and the layer's results and gradients against the step-by-step path (taken
 * when a mask is given; an all-ones mask changes nothing in the math).
 */
class FusedLSTMTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void primitiveGradientsMatchFiniteDifferences() {
        for (boolean reverse : new boolean[] {false, true}) {
            int batch = 2, steps = 4, units = 3;
            Tensor zx = GradCheck.uniform(1, -1.5, 1.5, batch, steps, 4 * units);
            Tensor rk = GradCheck.uniform(2, -1, 1, units, 4 * units);
            Tensor h0 = GradCheck.uniform(3, -1, 1, batch, units);
            Tensor c0 = GradCheck.uniform(4, -1, 1, batch, units);
            GradCheck.check(in -> Primitives.lstm(in.get(0), in.get(1), in.get(2), in.get(3), reverse), zx, rk, h0, c0);
        }
    }

    @Test void layerGradientsMatchFiniteDifferences() {
        for (boolean backwards : new boolean[] {false, true}) {
            Layer.clearSession();
            SplittableRandom r = new SplittableRandom(5);
            LSTM layer = new LSTM(3).returnSequences(true).goBackwards(backwards).dtype(DType.FLOAT64);
            Tensor x = ReferenceRnn.tensor(ReferenceRnn.sequence(r, 2, 5, 4));
            layer.ensureBuilt(x.shape());
            assertNotNull(layer.cell().runFused(layer.cell().projectInputs(x), layer.cell().getInitialState(2), backwards, true),
                    "the default LSTM must take the fused path");
            Tensor h0 = Tensor.of(ReferenceRnn.matrix(r, 2, 3)), c0 = Tensor.of(ReferenceRnn.matrix(r, 2, 3));
            // Sequence output, final h and final c, each as a function of the inputs and both initial states.
            for (int k = 0; k < 3; k++) {
                int which = k;
                GradCheck.check(in -> layer.callWithStates(in.get(0), List.of(in.get(1), in.get(2)), false).get(which), x, h0, c0);
            }
            ReferenceRnn.checkWeightGradients(layer, x);
        }
    }

    @Test void fusedPathEqualsTheStepByStepPath() {
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (boolean backwards : new boolean[] {false, true}) {
                Layer.clearSession();
                SplittableRandom r = new SplittableRandom(11);
                // 19 units: whole vectors of the float32 Vector API kernel (8 or 16 lanes) and a scalar tail.
                LSTM layer = new LSTM(19).returnSequences(true).goBackwards(backwards).dtype(dtype);
                Tensor x = Ops.cast(ReferenceRnn.tensor(ReferenceRnn.sequence(r, 3, 7, 4)), dtype);
                layer.ensureBuilt(x.shape());
                Tensor ones = Tensor.full(Shape.of(3, 7), 1, dtype);
                double tol = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
                List<Tensor> fused = outputsAndGradients(layer, x, null);
                List<Tensor> general = outputsAndGradients(layer, x, ones);
                assertEquals(general.size(), fused.size());
                for (int i = 0; i < fused.size(); i++) {
                    assertEquals(general.get(i).shape(), fused.get(i).shape());
                    assertArrayEquals(general.get(i).toDoubleArray(), fused.get(i).toDoubleArray(), tol, dtype + " result " + i);
                }
            }
        }
    }

    /** [sequence, h, c, d loss/d kernel, d recurrent_kernel, d bias, d x] for loss = Σ seq·p + Σ c·q. */
    private static List<Tensor> outputsAndGradients(LSTM layer, Tensor x, Tensor mask) {
        List<Tensor> out = new ArrayList<>();
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            List<Tensor> all = layer.callWithStates(x, null, mask, true);
            Tensor p = Ops.cast(GradCheck.uniform(8, -1, 1, all.get(0).shape().dims()), x.dtype());
            Tensor q = Ops.cast(GradCheck.uniform(9, -1, 1, all.get(2).shape().dims()), x.dtype());
            Tensor loss = Ops.add(Ops.sum(Ops.multiply(all.get(0), p)), Ops.sum(Ops.multiply(all.get(2), q)));
            out.addAll(all);
            List<Tensor> sources = new ArrayList<>();
            for (var v : layer.trainableWeights()) sources.add(v.peek());
            sources.add(x);
            out.addAll(tape.gradient(loss, sources));
        }
        return out;
    }

    @Test void otherActivationsKeepTheGeneralPath() {
        LSTMCell hard = new LSTMCell(2).recurrentActivation("hard_sigmoid");
        hard.ensureBuilt(Shape.of(-1, 3));
        Tensor z = Tensor.zeros(Shape.of(1, 2, 8), DType.FLOAT32);
        assertNull(hard.runFused(z, hard.getInitialState(1), false, true));
        LSTMCell relu = new LSTMCell(2).activation("relu");
        relu.ensureBuilt(Shape.of(-1, 3));
        assertNull(relu.runFused(z, relu.getInitialState(1), false, true));
        LSTMCell lambda = new LSTMCell(2).activation(Ops::tanh);
        lambda.ensureBuilt(Shape.of(-1, 3));
        assertNotNull(lambda.runFused(z, lambda.getInitialState(1), false, true), "a lambda computing tanh may be fused");
    }
}
