package io.keras4j.layers.rnn;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
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
}
