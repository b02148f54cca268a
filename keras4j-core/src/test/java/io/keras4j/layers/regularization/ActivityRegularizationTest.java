package io.keras4j.layers.regularization;

import io.keras4j.autodiff.GradientTape;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ActivityRegularizationTest {
    @Test void passesTheInputAndRecordsThePenaltyPerSample() {
        ActivityRegularization r = new ActivityRegularization().l1(0.1).l2(0.01);
        assertNull(r.lastPenalty());
        Tensor x = Tensor.of(new float[] {1, -2, 3, -4}, 2, 2);
        assertSame(x, r.apply(x, true));
        // (0.1 * (1 + 2 + 3 + 4) + 0.01 * (1 + 4 + 9 + 16)) / batch 2 = (1 + 0.3) / 2.
        assertEquals(0.65, r.lastPenalty().item(), 1e-6);
    }

    @Test void penaltyIsDifferentiable() {
        ActivityRegularization r = new ActivityRegularization().l1(0.5).l2(0.25);
        Tensor x = Tensor.of(new double[] {1, -2, 3}, 1, 3);
        try (var tape = new GradientTape()) {
            tape.watch(x);
            r.call(x, true);
            // d/dx (0.5 |x| + 0.25 x^2) = 0.5 sign(x) + 0.5 x, batch 1.
            assertArrayEquals(new double[] {1.0, -1.5, 2.0}, tape.gradient(r.lastPenalty(), x).toDoubleArray(), 1e-12);
        }
    }

    @Test void defaultsAreZeroAndConfigUsesKerasKeys() {
        ActivityRegularization r = new ActivityRegularization();
        r.apply(Tensor.ones(2, 2));
        assertEquals(0.0, r.lastPenalty().item());
        Map<String, Object> c = Layers.fromConfig("ActivityRegularization", Map.of("l1", 0.01)).getConfig();
        assertEquals(0.01, c.get("l1"));
        assertEquals(0.0, c.get("l2"));
    }
}
