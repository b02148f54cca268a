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
 * The fused GRU recurrence ({@link Primitives#gru}, used by {@link GRU} with reset_after, tanh and
 * sigmoid, and no mask or recurrent dropout): float64 finite differences, and the step-by-step
 * path (taken when a mask is given; an all-ones mask changes nothing). {@link GRUTest} compares
 * the fused outputs with an independent loop.
 */
class FusedGRUTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void primitiveGradientsMatchFiniteDifferences() {
        for (boolean reverse : new boolean[] {false, true}) {
            Tensor zx = GradCheck.uniform(1, -1.5, 1.5, 2, 4, 9);
            Tensor rk = GradCheck.uniform(2, -1, 1, 3, 9);
            Tensor rb = GradCheck.uniform(3, -1, 1, 9);
            Tensor h0 = GradCheck.uniform(4, -1, 1, 2, 3);
            GradCheck.check(in -> Primitives.gru(in.get(0), in.get(1), in.get(2), in.get(3), reverse), zx, rk, rb, h0);
        }
    }

    @Test void layerGradientsMatchFiniteDifferences() {
        for (boolean backwards : new boolean[] {false, true}) {
            Layer.clearSession();
            SplittableRandom r = new SplittableRandom(5);
            GRU layer = new GRU(3).returnSequences(true).goBackwards(backwards).biasInitializer("uniform").dtype(DType.FLOAT64);
            Tensor x = ReferenceRnn.tensor(ReferenceRnn.sequence(r, 2, 5, 4));
            layer.ensureBuilt(x.shape());
            assertNotNull(layer.cell().runFused(layer.cell().projectInputs(x), layer.cell().getInitialState(2), backwards, true),
                    "the default GRU must take the fused path");
            Tensor h0 = Tensor.of(ReferenceRnn.matrix(r, 2, 3));
            for (int k = 0; k < 2; k++) {
                int which = k;
                GradCheck.check(in -> layer.callWithStates(in.get(0), List.of(in.get(1)), false).get(which), x, h0);
            }
            ReferenceRnn.checkWeightGradients(layer, x);
        }
    }

    @Test void fusedPathEqualsTheStepByStepPath() {
        for (boolean useBias : new boolean[] {true, false}) {
            for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                for (boolean backwards : new boolean[] {false, true}) {
                    Layer.clearSession();
                    SplittableRandom r = new SplittableRandom(11);
                    GRU layer = new GRU(19).useBias(useBias).biasInitializer("uniform").returnSequences(true).goBackwards(backwards).dtype(dtype);
                    Tensor x = Ops.cast(ReferenceRnn.tensor(ReferenceRnn.sequence(r, 3, 7, 4)), dtype);
                    layer.ensureBuilt(x.shape());
                    double tol = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
                    List<Tensor> fused = outputsAndGradients(layer, x, null);
                    List<Tensor> general = outputsAndGradients(layer, x, Tensor.full(Shape.of(3, 7), 1, dtype));
                    assertEquals(general.size(), fused.size());
                    for (int i = 0; i < fused.size(); i++) {
                        assertArrayEquals(general.get(i).toDoubleArray(), fused.get(i).toDoubleArray(), tol,
                                dtype + " bias=" + useBias + " result " + i);
                    }
                }
            }
        }
    }

    @Test void resetBeforeKeepsTheGeneralPath() {
        GRUCell cell = new GRUCell(2).resetAfter(false);
        cell.ensureBuilt(Shape.of(-1, 3));
        assertNull(cell.runFused(Tensor.zeros(Shape.of(1, 2, 6), DType.FLOAT32), cell.getInitialState(1), false, true));
    }

    /** [sequence, h, weight gradients..., d x] for loss = Σ seq·p + Σ h·q. */
    private static List<Tensor> outputsAndGradients(GRU layer, Tensor x, Tensor mask) {
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
