package io.keras4j.layers.rnn;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layer;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class LSTMCellTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    private static double sigmoid(double v) { return 1 / (1 + Math.exp(-v)); }

    @Test void oneStepByHand() {
        LSTMCell cell = new LSTMCell(1).dtype(DType.FLOAT64);
        cell.ensureBuilt(Shape.of(-1, 1));
        // Gates i, f, c, o get pre-activations 0.5, -0.5, 1, 2 from x = 1; recurrent kernel zero.
        cell.setWeights(List.of(Tensor.of(new double[] {0.5, -0.5, 1, 2}, 1, 4), Tensor.zeros(Shape.of(1, 4), DType.FLOAT64),
                Tensor.zeros(Shape.of(4), DType.FLOAT64)));
        List<Tensor> out = cell.call(Tensor.of(new double[] {1}, 1, 1),
                List.of(Tensor.of(new double[] {0.3}, 1, 1), Tensor.of(new double[] {0.5}, 1, 1)), false);
        double c = sigmoid(-0.5) * 0.5 + sigmoid(0.5) * Math.tanh(1);
        double h = sigmoid(2) * Math.tanh(c);
        assertEquals(3, out.size());
        assertEquals(h, out.get(0).item(), 1e-12);
        assertEquals(h, out.get(1).item(), 1e-12);
        assertEquals(c, out.get(2).item(), 1e-12);
    }

    @Test void unitForgetBiasPutsOnesOnTheForgetGate() {
        LSTMCell cell = new LSTMCell(2);
        cell.ensureBuilt(Shape.of(-1, 3));
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 0}, cell.weights().get(2).peek().toFloatArray());
        LSTMCell plain = new LSTMCell(2).unitForgetBias(false);
        plain.ensureBuilt(Shape.of(-1, 3));
        assertArrayEquals(new float[8], plain.weights().get(2).peek().toFloatArray());
    }

    @Test void kerasWeightShapesAndConfig() {
        LSTMCell cell = new LSTMCell(4);
        cell.ensureBuilt(Shape.of(-1, 6));
        assertEquals(List.of(Shape.of(6, 16), Shape.of(4, 16), Shape.of(16)), cell.weights().stream().map(v -> v.shape()).toList());
        assertEquals(List.of(4, 4), cell.stateSize());
        Map<String, Object> c = cell.getConfig();
        assertEquals("tanh", c.get("activation"));
        assertEquals("sigmoid", c.get("recurrent_activation"));
        assertEquals(true, c.get("unit_forget_bias"));
    }

    @Test void gradientThroughAShortSequence() {
        SplittableRandom r = new SplittableRandom(5);
        LSTM layer = new LSTM(3).returnSequences(true).biasInitializer("ones").dtype(DType.FLOAT64);
        Tensor x = ReferenceRnn.tensor(ReferenceRnn.sequence(r, 2, 4, 2));
        layer.ensureBuilt(x.shape());
        Tensor h0 = Tensor.of(ReferenceRnn.matrix(r, 2, 3)), c0 = Tensor.of(ReferenceRnn.matrix(r, 2, 3));
        GradCheck.check(in -> layer.callWithStates(in.get(0), List.of(in.get(1), in.get(2)), false).get(0), x, h0, c0);
        // The final cell state depends on all inputs too.
        GradCheck.check(in -> layer.callWithStates(in.get(0), List.of(in.get(1), in.get(2)), false).get(2), x, h0, c0);
        ReferenceRnn.checkWeightGradients(layer, x);
    }
}
