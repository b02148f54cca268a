package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class F1ScoreTest {
    // Keras's docstring example. Thresholded at 0.5 the predictions are [[0,1,1],[0,1,1],[1,1,0]]:
    // class 0: tp 1, fp 0, fn 2 -> P 1, R 1/3 -> 0.5; class 1: tp 2, fp 1 -> P 2/3, R 1 -> 0.8;
    // class 2: tp 1, fp 1 -> P 1/2, R 1 -> 2/3. Supports 3, 2, 1. Overall tp 4, fp 2, fn 2.
    static final Tensor Y_TRUE = Tensor.ofInts(new int[] {1, 1, 1, 1, 0, 0, 1, 1, 0}, 3, 3);
    static final Tensor Y_PRED = Tensor.of(new float[][] {{0.2f, 0.6f, 0.7f}, {0.2f, 0.6f, 0.6f}, {0.6f, 0.8f, 0.0f}});

    private static F1Score updated(F1Score m) {
        m.updateState(Y_TRUE, Y_PRED);
        return m;
    }

    @Test void perClassScoresAsKerasDocuments() {
        F1Score m = updated(new F1Score().threshold(0.5));
        assertArrayEquals(new float[] {0.5f, 0.8f, 2 / 3f}, m.resultTensor().toFloatArray(), 1e-5f);
        var e = assertThrows(IllegalStateException.class, m::result);
        assertTrue(e.getMessage().contains("average"), e.getMessage());
        assertEquals("f1_score", m.name());
    }

    @Test void averages() {
        assertEquals((0.5 + 0.8 + 2 / 3.0) / 3, updated(new F1Score().threshold(0.5).average("macro")).result(), 1e-5);
        assertEquals((0.5 * 3 + 0.8 * 2 + 2 / 3.0) / 6, updated(new F1Score().threshold(0.5).average("weighted")).result(), 1e-5);
        assertEquals(2 / 3.0, updated(new F1Score().threshold(0.5).average("micro")).result(), 1e-5);
        assertEquals(0, updated(new F1Score().threshold(0.5).average("micro")).resultTensor().rank());
    }

    @Test void withoutThresholdEachRowsMaximumIsPositive() {
        // positives: row 0 class 2; row 1 classes 1 and 2 (a tie); row 2 class 1
        F1Score m = updated(new F1Score());
        assertArrayEquals(new float[] {0f, 0.5f, 2 / 3f}, m.resultTensor().toFloatArray(), 1e-5f);
        F1Score zeros = new F1Score().average("micro");
        zeros.updateState(Tensor.of(new float[][] {{1, 0}}), Tensor.of(new float[][] {{0, 0}})); // an all-zero row predicts nothing
        assertEquals(0.0, zeros.result(), 1e-6);
    }

    @Test void sampleWeightsAndAccumulation() {
        // weights 1, 0, 2: class 0 tp 2, fn 1 -> P 1, R 2/3 -> 0.8; class 1 tp 3, fp 0 -> 1; class 2 tp 1, fp 0 -> 1
        F1Score m = new F1Score().threshold(0.5);
        m.updateState(Y_TRUE, Y_PRED, Tensor.of(new float[] {1, 0, 2}, 3));
        assertArrayEquals(new float[] {0.8f, 1f, 1f}, m.resultTensor().toFloatArray(), 1e-5f);

        F1Score split = new F1Score().threshold(0.5);
        float[] t = Y_TRUE.toFloatArray(), p = Y_PRED.toFloatArray();
        split.updateState(Tensor.of(java.util.Arrays.copyOf(t, 6), 2, 3), Tensor.of(java.util.Arrays.copyOf(p, 6), 2, 3));
        split.updateState(Tensor.of(java.util.Arrays.copyOfRange(t, 6, 9), 1, 3), Tensor.of(java.util.Arrays.copyOfRange(p, 6, 9), 1, 3));
        assertArrayEquals(new float[] {0.5f, 0.8f, 2 / 3f}, split.resultTensor().toFloatArray(), 1e-5f);
        split.resetState();
        assertArrayEquals(new float[] {0f, 0f, 0f}, split.resultTensor().toFloatArray());
    }

    @Test void validatesArguments() {
        assertThrows(IllegalArgumentException.class, () -> new F1Score().average("samples"));
        assertThrows(IllegalArgumentException.class, () -> new F1Score().threshold(0));
        assertThrows(IllegalArgumentException.class, () -> new F1Score().threshold(1.5));
        assertThrows(UnsupportedOperationException.class, () -> new F1Score().beta(2));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new F1Score().updateState(Tensor.of(new float[] {1, 0}, 2), Tensor.of(new float[] {1, 0}, 2)));
        assertTrue(e.getMessage().startsWith("FBetaScore expects 2D inputs"), e.getMessage());
    }

    @Test void configHasNoBeta() {
        var config = new F1Score().average("macro").getConfig();
        assertEquals("macro", config.get("average"));
        assertTrue(config.containsKey("threshold"));
        assertFalse(config.containsKey("beta"));
        assertEquals("F1Score", new F1Score().className());
    }
}
