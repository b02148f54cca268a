package io.keras4j.layers.rnn;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layer;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class GRUCellTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    private static double sigmoid(double v) { return 1 / (1 + Math.exp(-v)); }

    @Test void oneStepByHandBothResetModes() {
        // units 1, input 1; kernel (z, r, h) = (0.5, 1, 2), recurrent (0.3, -0.4, 0.6), h_prev = 0.5, x = 1.
        Tensor kernel = Tensor.of(new double[] {0.5, 1, 2}, 1, 3), recurrent = Tensor.of(new double[] {0.3, -0.4, 0.6}, 1, 3);
        double hPrev = 0.5;
        double z = sigmoid(0.5 + 0.3 * hPrev), r = sigmoid(1 - 0.4 * hPrev);

        GRUCell before = new GRUCell(1).resetAfter(false).useBias(false).dtype(DType.FLOAT64);
        before.ensureBuilt(Shape.of(-1, 1));
        before.setWeights(List.of(kernel, recurrent));
        double hh = Math.tanh(2 + (r * hPrev) * 0.6);
        assertEquals(z * hPrev + (1 - z) * hh, step(before, hPrev), 1e-12);

        GRUCell after = new GRUCell(1).dtype(DType.FLOAT64);
        after.ensureBuilt(Shape.of(-1, 1));
        // bias rows: input (0.1, 0.2, 0.3), recurrent (0.4, 0.5, 0.6)
        after.setWeights(List.of(kernel, recurrent, Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, 2, 3)));
        double za = sigmoid(0.5 + 0.1 + 0.3 * hPrev + 0.4), ra = sigmoid(1 + 0.2 - 0.4 * hPrev + 0.5);
        double hha = Math.tanh(2 + 0.3 + ra * (0.6 * hPrev + 0.6));
        assertEquals(za * hPrev + (1 - za) * hha, step(after, hPrev), 1e-12);
    }

    private static double step(GRUCell cell, double hPrev) {
        return cell.call(Tensor.of(new double[] {1}, 1, 1), List.of(Tensor.of(new double[] {hPrev}, 1, 1)), false).get(0).item();
    }

    @Test void biasShapeFollowsResetAfter() {
        GRUCell after = new GRUCell(4);
        after.ensureBuilt(Shape.of(-1, 6));
        assertEquals(List.of(Shape.of(6, 12), Shape.of(4, 12), Shape.of(2, 12)), after.weights().stream().map(v -> v.shape()).toList());
        assertEquals(true, after.getConfig().get("reset_after"));
        GRUCell before = new GRUCell(4).resetAfter(false);
        before.ensureBuilt(Shape.of(-1, 6));
        assertEquals(Shape.of(12), before.weights().get(2).shape());
    }

    @Test void gradientThroughAShortSequence() {
        for (boolean resetAfter : new boolean[] {true, false}) {
            Layer.clearSession();
            SplittableRandom r = new SplittableRandom(9);
            GRU layer = new GRU(3).resetAfter(resetAfter).returnSequences(true).biasInitializer("ones").dtype(DType.FLOAT64);
            Tensor x = ReferenceRnn.tensor(ReferenceRnn.sequence(r, 2, 4, 2));
            layer.ensureBuilt(x.shape());
            Tensor h0 = Tensor.of(ReferenceRnn.matrix(r, 2, 3));
            GradCheck.check(in -> layer.callWithStates(in.get(0), List.of(in.get(1)), false).get(0), x, h0);
            ReferenceRnn.checkWeightGradients(layer, x);
        }
    }
}
