package io.keras4j.metrics;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RecallTest {
    private static Tensor t(float... v) { return Tensor.of(v, v.length); }

    @Test void matchesKerasDocumentedValues() {
        Recall m = new Recall();
        m.updateState(t(0, 1, 1, 1), t(1, 0, 1, 1)); // tp 2, fn 1
        assertEquals(2.0 / 3, m.result(), 1e-7);
        m.resetState();
        m.updateState(t(0, 1, 1, 1), t(1, 0, 1, 1), t(0, 0, 1, 0));
        assertEquals(1.0, m.result(), 1e-7);
        assertEquals("recall", m.name());
    }

    @Test void thresholdsTopKAndClassId() {
        Recall m = new Recall().thresholds(0.3, 0.7);
        m.updateState(t(0, 1, 1, 0, 1), t(0.2f, 0.4f, 0.8f, 0.5f, 0.6f)); // 3 of 3 positives above 0.3, 1 above 0.7
        assertArrayEquals(new float[] {1f, 1 / 3f}, m.resultTensor().toFloatArray(), 1e-6f);

        Recall top2 = new Recall().topK(2);
        top2.updateState(t(0, 0, 1, 1), t(1, 1, 1, 1)); // the top 2 are the first two, labelled 0
        assertEquals(0.0, top2.result(), 1e-7);

        Recall class1 = new Recall().classId(1);
        class1.updateState(PrecisionTest.ONE_HOT, PrecisionTest.SCORES); // labels of class 1: rows 0 and 2; only row 0 > 0.5
        assertEquals(0.5, class1.result(), 1e-7);
    }

    @Test void accumulatesOverBatches() {
        Recall m = new Recall();
        m.updateState(t(1, 1), t(0.9f, 0.2f));
        m.updateState(t(1, 0), t(0.6f, 0.9f));
        assertEquals(2.0 / 3, m.result(), 1e-7);
    }
}
