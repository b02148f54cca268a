package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrecisionTest {
    private static Tensor t(float... v) { return Tensor.of(v, v.length); }

    static final Tensor ONE_HOT = Tensor.of(new float[][] {{0, 1, 0}, {0, 0, 1}, {0, 1, 0}});
    static final Tensor SCORES = Tensor.of(new float[][] {{0.1f, 0.6f, 0.3f}, {0.2f, 0.7f, 0.1f}, {0.8f, 0.1f, 0.1f}});

    @Test void matchesKerasDocumentedValues() {
        Precision m = new Precision();
        m.updateState(t(0, 1, 1, 1), t(1, 0, 1, 1)); // tp 2, fp 1
        assertEquals(2.0 / 3, m.result(), 1e-7);
        m.resetState();
        m.updateState(t(0, 1, 1, 1), t(1, 0, 1, 1), t(0, 0, 1, 0));
        assertEquals(1.0, m.result(), 1e-7);
        assertEquals("precision", m.name());
    }

    @Test void topKAsKerasDocuments() {
        Precision top2 = new Precision().topK(2);
        top2.updateState(t(0, 0, 1, 1), t(1, 1, 1, 1)); // ties keep the first two entries, both labelled 0
        assertEquals(0.0, top2.result(), 1e-7);
        Precision top4 = new Precision().topK(4);
        top4.updateState(t(0, 0, 1, 1), t(1, 1, 1, 1));
        assertEquals(0.5, top4.result(), 1e-7);
        assertArrayEquals(new double[] {ConfusionCounts.NEG_INF}, top4.thresholds()); // no threshold with top_k
    }

    @Test void oneResultPerThreshold() {
        Precision m = new Precision().thresholds(0.3, 0.7);
        m.updateState(t(0, 1, 1, 0, 1), t(0.2f, 0.4f, 0.8f, 0.5f, 0.6f));
        // > 0.3: 0.4, 0.8, 0.6 right and 0.5 wrong; > 0.7: 0.8 only
        assertArrayEquals(new float[] {0.75f, 1f}, m.resultTensor().toFloatArray(), 1e-7f);
        var e = assertThrows(IllegalStateException.class, m::result);
        assertTrue(e.getMessage().contains("resultTensor"), e.getMessage());
    }

    @Test void evenlySpacedThresholdsClipPredictions() {
        Precision m = new Precision().thresholds(0, 0.5, 1);
        m.updateState(t(0, 1, 1, 0), t(0, 0.5f, 0.9f, 1.2f));
        // > 0: 0.5, 0.9 right, 1.2 wrong; > 0.5: 0.9 right, 1.2 wrong; > 1: none (1.2 is clipped to 1)
        assertArrayEquals(new float[] {2 / 3f, 0.5f, 0f}, m.resultTensor().toFloatArray(), 1e-6f);
    }

    @Test void classIdAndTopKTogether() {
        Precision m = new Precision().classId(1);
        m.updateState(ONE_HOT, SCORES); // class 1 scores 0.6, 0.7, 0.1 against labels 1, 0, 1
        assertEquals(0.5, m.result(), 1e-7);
        Precision top1 = new Precision().topK(1).classId(1);
        top1.updateState(ONE_HOT, SCORES); // class 1 is the top score of rows 0 and 1
        assertEquals(0.5, top1.result(), 1e-7);
        Precision class0 = new Precision().topK(1).classId(0);
        class0.updateState(ONE_HOT, SCORES); // class 0 wins row 2 only, whose label is 1
        assertEquals(0.0, class0.result(), 1e-7);
    }

    @Test void sampleWeightsBroadcastOverLabels() {
        Precision m = new Precision();
        m.updateState(Tensor.of(new float[][] {{1, 0}, {1, 1}}), Tensor.of(new float[][] {{0.9f, 0.8f}, {0.2f, 0.7f}}), t(2, 1));
        assertEquals(3.0 / 5, m.result(), 1e-7); // tp 2 + 1, fp 2
    }

    @Test void accumulatesAndResets() {
        Precision m = new Precision();
        m.updateState(t(1, 0), t(0.9f, 0.8f));
        m.updateState(t(1, 1), t(0.6f, 0.1f));
        assertEquals(2.0 / 3, m.result(), 1e-7);
        m.resetState();
        assertEquals(0.0, m.result());
    }

    @Test void validatesArgumentsAndFreezesThemOnceUsed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Precision().thresholds(1.5));
        assertTrue(e.getMessage().contains("Threshold values must be in [0, 1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Precision().topK(0));
        Precision m = new Precision();
        m.updateState(t(1), t(1));
        assertThrows(IllegalStateException.class, () -> m.thresholds(0.2));
        assertThrows(IllegalArgumentException.class, () -> new Precision().classId(0).updateState(t(1, 0), t(1, 0)));
    }

    @Test void configAsKeras() {
        Map<String, Object> expected = new HashMap<>();
        expected.put("name", "precision");
        expected.put("dtype", "float32");
        expected.put("thresholds", null);
        expected.put("top_k", null);
        expected.put("class_id", null);
        assertEquals(expected, new Precision().getConfig());
        assertEquals(0.3, new Precision().thresholds(0.3).getConfig().get("thresholds"));
        assertEquals(Arrays.asList(0.3, 0.6), new Precision().thresholds(0.3, 0.6).getConfig().get("thresholds"));
        assertEquals(2, new Precision().topK(2).getConfig().get("top_k"));
    }
}
