package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The worked examples of Keras's Discretization docstring. */
class DiscretizationTest {
    private static final Tensor INPUT = Tensor.of(new double[][] {{-1.5, 1.0, 3.4, .5}, {0.0, 3.0, 1.3, 0.0}});

    @Test void givenBoundaries() {
        Tensor out = Discretization.withBinBoundaries(0, 1, 2).apply(INPUT);
        assertEquals(DType.INT32, out.dtype());
        assertArrayEquals(new int[] {0, 2, 3, 1, 1, 3, 2, 1}, out.toIntArray());
    }

    @Test void adaptedQuantiles() {
        Discretization d = Discretization.withNumBins(4).epsilon(0.01).adapt(INPUT);
        // Keras's summary over the 8 values gives the quantile boundaries 0, 0.5, 1.3.
        assertArrayEquals(new double[] {0, 0.5, (float) 1.3}, d.binBoundaries(), 1e-7);
        assertArrayEquals(new int[] {0, 2, 3, 2, 1, 3, 3, 1}, d.apply(INPUT).toIntArray());
    }

    @Test void oneHotOutput() {
        Tensor out = Discretization.withBinBoundaries(0, 1).outputMode("one_hot").apply(Tensor.of(new float[] {-1, 0.5f, 2}, 3));
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, out.toFloatArray());
    }

    @Test void validation() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Discretization.withNumBins(-1)).getMessage().contains("num_bins=-1"));
        assertThrows(IllegalArgumentException.class, () -> Discretization.withBinBoundaries(1).adapt(INPUT));
        assertThrows(IllegalArgumentException.class, () -> Discretization.withNumBins(3).apply(INPUT));
    }

    @Test void adaptedBoundariesSurviveTheConfig() {
        Discretization d = Discretization.withNumBins(4).adapt(INPUT);
        Discretization back = (Discretization) Layers.fromConfig("Discretization", d.getConfig());
        assertArrayEquals(d.binBoundaries(), back.binBoundaries());
    }
}
