package io.keras4j.layers.rnn;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class LSTMTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    private final SplittableRandom r = new SplittableRandom(21);
    private final double[][] w = ReferenceRnn.matrix(r, 3, 8);
    private final double[][] u = ReferenceRnn.matrix(r, 2, 8);
    private final double[] b = ReferenceRnn.vector(r, 8);
    private final double[][][] x = ReferenceRnn.sequence(r, 2, 4, 3);

    @Test void matchesThePlainLoop() {
        for (boolean backwards : new boolean[] {false, true}) {
            LSTM l = new LSTM(2).returnSequences(true).goBackwards(backwards).dtype(DType.FLOAT64);
            l.ensureBuilt(Shape.of(-1, 4, 3));
            l.setWeights(List.of(ReferenceRnn.tensor(w), ReferenceRnn.tensor(u), Tensor.of(b, 8)));
            Tensor y = l.apply(ReferenceRnn.tensor(x));
            assertEquals(Shape.of(2, 4, 2), y.shape());
            assertArrayEquals(ReferenceRnn.flat(ReferenceRnn.lstm(x, w, u, b, ReferenceRnn.TANH, ReferenceRnn.SIGMOID, backwards)),
                    y.toDoubleArray(), 1e-12);
        }
    }

    @Test void callWithStatesReturnsOutputHiddenAndCellState() {
        LSTM l = new LSTM(2).dtype(DType.FLOAT64);
        List<Tensor> out = l.callWithStates(ReferenceRnn.tensor(x), null, false);
        assertEquals(3, out.size());
        assertArrayEquals(out.get(0).toDoubleArray(), out.get(1).toDoubleArray());
        assertEquals(Shape.of(2, 2), out.get(2).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.callWithStates(ReferenceRnn.tensor(x), List.of(out.get(1)), false));
        assertTrue(e.getMessage().contains("expects 2 state(s)"), e.getMessage());
    }

    @Test void keras2ConfigsDefaultToTheirHardSigmoid() {
        Map<String, Object> config = new HashMap<>(Map.of("units", 2));
        LSTM k2 = (LSTM) Layers.fromConfig("LSTM", config, 2);
        LSTM k3 = (LSTM) Layers.fromConfig("LSTM", config, 3);
        Tensor v = Tensor.of(new double[] {1.0}, 1);
        // Keras 2: clip(0.2 x + 0.5, 0, 1) = 0.7; Keras 3 default sigmoid(1).
        assertEquals(0.7, k2.cell().recurrentActivation().apply(v).item(), 1e-12);
        assertEquals(1 / (1 + Math.exp(-1)), k3.cell().recurrentActivation().apply(v).item(), 1e-12);
    }

    @Test void configHasKerasKeysAndRoundTrips() {
        LSTM l = new LSTM(5).unitForgetBias(false).recurrentDropout(0.1).stateful(true);
        Map<String, Object> c = l.getConfig();
        assertEquals(5, c.get("units"));
        assertEquals("sigmoid", c.get("recurrent_activation"));
        assertEquals(false, c.get("unit_forget_bias"));
        assertEquals(0.1, c.get("recurrent_dropout"));
        assertEquals(true, c.get("stateful"));
        assertEquals(c, Layers.fromConfig("LSTM", c).getConfig());
    }

    @Test void unknownKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("LSTM", Map.of("units", 2, "bogus", 1)));
        assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("LSTM", Map.of()));
    }
}
