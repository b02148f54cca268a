package io.keras4j.regularizers;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class L1Test {
    @Test void penaltyIsFactorTimesSumOfAbsoluteValues() {
        // 0.3 * (|1| + |-2| + |0.5| + |-4|) = 0.3 * 7.5
        assertEquals(2.25, new L1(0.3).call(Tensor.of(new double[][] {{1, -2}, {0.5, -4}})).item(), 1e-12);
        // Keras's docstring: a Dense kernel of ones (5, 5) with L1(0.01) costs 0.25.
        assertEquals(0.25, new L1(0.01).call(Tensor.full(Shape.of(5, 5), 1.0, DType.FLOAT32)).item(), 1e-6);
    }

    @Test void defaultsAndConfigAreKeras() {
        assertEquals(0.01, new L1().l1());
        assertEquals(Map.of("l1", 0.01), new L1().getConfig());
        assertEquals("L1", new L1().className());
        Map<String, Object> s = new L1(0.5).serialize();
        assertEquals("keras.regularizers", s.get("module"));
        assertEquals("L1", s.get("class_name"));
        assertEquals(Map.of("l1", 0.5), s.get("config"));
    }

    @Test void refusesNegativeOrNonFiniteFactors() {
        var e = assertThrows(IllegalArgumentException.class, () -> new L1(-1));
        assertEquals("Invalid value for argument l1: expected a non-negative float.Received: l1=-1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new L1(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new L1(Double.POSITIVE_INFINITY));
    }

    @Test void gradientIsFactorTimesSign() {
        GradCheck.check(in -> new L1(0.7).call(in.get(0)), GradCheck.awayFromZero(3, 0.1, 2, 3, 4));
    }
}
