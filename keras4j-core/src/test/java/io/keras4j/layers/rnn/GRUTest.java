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

class GRUTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    private final SplittableRandom r = new SplittableRandom(31);
    private final double[][] w = ReferenceRnn.matrix(r, 3, 6);
    private final double[][] u = ReferenceRnn.matrix(r, 2, 6);
    private final double[] b6 = ReferenceRnn.vector(r, 12);
    private final double[][][] x = ReferenceRnn.sequence(r, 2, 5, 3);

    @Test void matchesThePlainLoopInBothResetModes() {
        for (boolean resetAfter : new boolean[] {true, false}) {
            for (boolean backwards : new boolean[] {false, true}) {
                GRU l = new GRU(2).resetAfter(resetAfter).returnSequences(true).goBackwards(backwards).dtype(DType.FLOAT64);
                l.ensureBuilt(Shape.of(-1, 5, 3));
                double[] bias = resetAfter ? b6 : java.util.Arrays.copyOf(b6, 6);
                l.setWeights(List.of(ReferenceRnn.tensor(w), ReferenceRnn.tensor(u),
                        resetAfter ? Tensor.of(bias, 2, 6) : Tensor.of(bias, 6)));
                double[][][] want = ReferenceRnn.gru(x, w, u, bias, resetAfter, ReferenceRnn.TANH, ReferenceRnn.SIGMOID, backwards);
                assertArrayEquals(ReferenceRnn.flat(want), l.apply(ReferenceRnn.tensor(x)).toDoubleArray(), 1e-12);
            }
        }
    }

    @Test void withoutBiasHasTwoWeights() {
        GRU l = new GRU(2).useBias(false);
        l.ensureBuilt(Shape.of(-1, 5, 3));
        assertEquals(2, l.weights().size());
        assertEquals(2 * 6 + 3 * 6, l.countParams());
    }

    @Test void keras2ConfigsMeanResetBefore() {
        GRU k2 = (GRU) Layers.fromConfig("GRU", Map.of("units", 2), 2);
        assertFalse(k2.cell().resetAfter());
        GRU k3 = (GRU) Layers.fromConfig("GRU", Map.of("units", 2), 3);
        assertTrue(k3.cell().resetAfter());
        Map<String, Object> c = k3.getConfig();
        assertEquals(true, c.get("reset_after"));
        assertEquals(c, Layers.fromConfig("GRU", c).getConfig());
    }
}
