package io.keras4j.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FBetaScoreTest {
    @Test void betaWeighsRecall() {
        // F2 = 5 P R / (4 P + R) with the per-class P, R of F1ScoreTest's data
        FBetaScore m = new FBetaScore().beta(2).threshold(0.5);
        m.updateState(F1ScoreTest.Y_TRUE, F1ScoreTest.Y_PRED);
        assertArrayEquals(new float[] {5 / 13f, 10 / 11f, 2.5f / 3}, m.resultTensor().toFloatArray(), 1e-5f);
        assertEquals("fbeta_score", m.name());
        assertEquals(2.0, m.getConfig().get("beta"));
    }

    @Test void betaMustBePositive() {
        var e = assertThrows(IllegalArgumentException.class, () -> new FBetaScore().beta(0));
        assertEquals("Invalid `beta` argument value. It should be > 0. Received: beta=0.0", e.getMessage());
    }
}
