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

import static org.junit.jupiter.api.Assertions.*;

class SimpleRNNCellTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void oneStepIsActivationOfInputAndRecurrentProjections() {
        SimpleRNNCell cell = new SimpleRNNCell(1).dtype(DType.FLOAT64);
        cell.ensureBuilt(Shape.of(-1, 1));
        cell.setWeights(List.of(Tensor.of(new double[] {0.5}, 1, 1), Tensor.of(new double[] {0.5}, 1, 1), Tensor.of(new double[] {0.1}, 1)));
        List<Tensor> out = cell.call(Tensor.of(new double[] {1}, 1, 1), List.of(Tensor.of(new double[] {0.2}, 1, 1)), false);
        // tanh(1*0.5 + 0.1 + 0.2*0.5) = tanh(0.7)
        assertEquals(Math.tanh(0.7), out.get(0).item(), 1e-12);
        assertEquals(2, out.size());
        assertEquals(out.get(0).item(), out.get(1).item());
    }

    @Test void kerasWeightsAndConfig() {
        SimpleRNNCell cell = new SimpleRNNCell(3);
        cell.ensureBuilt(Shape.of(-1, 5));
        assertEquals(List.of(Shape.of(5, 3), Shape.of(3, 3), Shape.of(3)), cell.weights().stream().map(v -> v.shape()).toList());
        assertEquals("simple_rnn_cell/kernel", cell.weights().get(0).name());
        assertEquals(List.of(3), cell.stateSize());
        Map<String, Object> c = cell.getConfig();
        assertEquals(3, c.get("units"));
        assertEquals("tanh", c.get("activation"));
        assertEquals(true, c.get("use_bias"));
        assertEquals("GlorotUniform", ((Map<?, ?>) c.get("kernel_initializer")).get("class_name"));
        assertEquals("Orthogonal", ((Map<?, ?>) c.get("recurrent_initializer")).get("class_name"));
        assertEquals("Zeros", ((Map<?, ?>) c.get("bias_initializer")).get("class_name"));
        assertEquals(0.0, c.get("dropout"));
        assertEquals(0.0, c.get("recurrent_dropout"));
        // orthogonal recurrent kernel: U Uᵀ = I
        double[] u = cell.weights().get(1).peek().toDoubleArray();
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
            double dot = 0;
            for (int k = 0; k < 3; k++) dot += u[i * 3 + k] * u[j * 3 + k];
            assertEquals(i == j ? 1 : 0, dot, 1e-5);
        }
    }

    @Test void refusesNonPositiveUnits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SimpleRNNCell(0));
        assertTrue(e.getMessage().contains("`units`") && e.getMessage().contains("0"), e.getMessage());
    }

    @Test void cellAloneNeedsStates() {
        SimpleRNNCell cell = new SimpleRNNCell(2);
        cell.ensureBuilt(Shape.of(-1, 2));
        assertThrows(UnsupportedOperationException.class, () -> cell.call(Tensor.zeros(1, 2), false));
    }

    @Test void gradientThroughAShortSequence() {
        SimpleRNN layer = new SimpleRNN(3).returnSequences(true).dtype(DType.FLOAT64);
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        Tensor x = ReferenceRnn.tensor(ReferenceRnn.sequence(r, 2, 4, 2));
        Tensor h0 = Tensor.of(ReferenceRnn.matrix(r, 2, 3));
        layer.ensureBuilt(x.shape());
        GradCheck.check(in -> layer.callWithStates(in.get(0), List.of(in.get(1)), false).get(0), x, h0);
        ReferenceRnn.checkWeightGradients(layer, x);
    }
}
