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
 * The fused SimpleRNN recurrence ({@link Primitives#simpleRnn}, used by {@link SimpleRNN} with tanh
 * and no mask or recurrent dropout): float64 finite differences, the independent reference loop,
 * and the step-by-step path (taken when a mask is given; an all-ones mask changes nothing).
 */
class FusedSimpleRNNTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void primitiveGradientsMatchFiniteDifferences() {
        for (boolean reverse : new boolean[] {false, true}) {
            Tensor zx = GradCheck.uniform(1, -1.5, 1.5, 2, 4, 3);
            Tensor rk = GradCheck.uniform(2, -1, 1, 3, 3);
            Tensor h0 = GradCheck.uniform(3, -1, 1, 2, 3);
            GradCheck.check(in -> Primitives.simpleRnn(in.get(0), in.get(1), in.get(2), reverse), zx, rk, h0);
        }
    }

    @Test void layerMatchesTheReferenceLoopAndFiniteDifferences() {
        for (boolean backwards : new boolean[] {false, true}) {
            Layer.clearSession();
            SplittableRandom r = new SplittableRandom(3);
            double[][] w = ReferenceRnn.matrix(r, 4, 3), u = ReferenceRnn.matrix(r, 3, 3);
            double[] b = ReferenceRnn.vector(r, 3);
            double[][][] xs = ReferenceRnn.sequence(r, 2, 5, 4);
            double[][] h0 = ReferenceRnn.matrix(r, 2, 3);
            SimpleRNN layer = new SimpleRNN(3).returnSequences(true).goBackwards(backwards).dtype(DType.FLOAT64);
            Tensor x = ReferenceRnn.tensor(xs);
            layer.ensureBuilt(x.shape());
            layer.setWeights(List.of(ReferenceRnn.tensor(w), ReferenceRnn.tensor(u), Tensor.of(b, 3)));
            assertNotNull(layer.cell().runFused(layer.cell().projectInputs(x), layer.cell().getInitialState(2), backwards, true),
                    "the default SimpleRNN must take the fused path");
            Tensor y = layer.callWithStates(x, List.of(Tensor.of(h0)), false).get(0);
            assertArrayEquals(ReferenceRnn.flat(ReferenceRnn.simpleRnn(xs, w, u, b, ReferenceRnn.TANH, backwards, h0)), y.toDoubleArray(), 1e-12);
            for (int k = 0; k < 2; k++) {
                int which = k;
                GradCheck.check(in -> layer.callWithStates(in.get(0), List.of(in.get(1)), false).get(which), x, Tensor.of(h0));
            }
            ReferenceRnn.checkWeightGradients(layer, x);
        }
    }

    @Test void fusedPathEqualsTheStepByStepPath() {
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (boolean backwards : new boolean[] {false, true}) {
                Layer.clearSession();
                SplittableRandom r = new SplittableRandom(11);
                SimpleRNN layer = new SimpleRNN(19).returnSequences(true).goBackwards(backwards).dtype(dtype);
                Tensor x = Ops.cast(ReferenceRnn.tensor(ReferenceRnn.sequence(r, 3, 7, 4)), dtype);
                layer.ensureBuilt(x.shape());
                double tol = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
                List<Tensor> fused = outputsAndGradients(layer, x, null);
                List<Tensor> general = outputsAndGradients(layer, x, Tensor.full(Shape.of(3, 7), 1, dtype));
                for (int i = 0; i < fused.size(); i++) {
                    assertArrayEquals(general.get(i).toDoubleArray(), fused.get(i).toDoubleArray(), tol, dtype + " result " + i);
                }
            }
        }
        SimpleRNNCell relu = new SimpleRNNCell(2).activation("relu");
        relu.ensureBuilt(Shape.of(-1, 3));
        assertNull(relu.runFused(Tensor.zeros(Shape.of(1, 2, 2), DType.FLOAT32), relu.getInitialState(1), false, true));
    }

    /** [sequence, h, d loss/d kernel, d recurrent_kernel, d bias, d x] for loss = Σ seq·p + Σ h·q. */
    private static List<Tensor> outputsAndGradients(SimpleRNN layer, Tensor x, Tensor mask) {
        List<Tensor> out = new ArrayList<>();
        try (GradientTape tape = new GradientTape()) {
            tape.watch(x);
            List<Tensor> all = layer.callWithStates(x, null, mask, true);
            Tensor p = Ops.cast(GradCheck.uniform(8, -1, 1, all.get(0).shape().dims()), x.dtype());
            Tensor q = Ops.cast(GradCheck.uniform(9, -1, 1, all.get(1).shape().dims()), x.dtype());
            Tensor loss = Ops.add(Ops.sum(Ops.multiply(all.get(0), p)), Ops.sum(Ops.multiply(all.get(1), q)));
            out.addAll(all);
            List<Tensor> sources = new ArrayList<>();
            for (var v : layer.trainableWeights()) sources.add(v.peek());
            sources.add(x);
            out.addAll(tape.gradient(loss, sources));
        }
        return out;
    }
}
