package io.keras4j.regularizers;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class L2Test {
    @Test void penaltyIsFactorTimesSumOfSquares() {
        // Keras's docstring: L2(2.)(ones((5, 5))) == 50.0
        assertEquals(50.0, new L2(2.0).call(Tensor.full(Shape.of(5, 5), 1.0, DType.FLOAT32)).item(), 1e-5);
        // 0.1 * (1 + 4 + 0.25 + 16)
        assertEquals(2.125, new L2(0.1).call(Tensor.of(new double[][] {{1, -2}, {0.5, -4}})).item(), 1e-12);
    }

    @Test void keepsTheDtypeOfItsInput() {
        assertEquals(DType.FLOAT32, new L2().call(Tensor.full(Shape.of(2), 1.0, DType.FLOAT32)).dtype());
        assertEquals(DType.FLOAT64, new L2().call(Tensor.full(Shape.of(2), 1.0, DType.FLOAT64)).dtype());
    }

    @Test void defaultsAndConfigAreKeras() {
        assertEquals(0.01, new L2().l2());
        assertEquals(Map.of("l2", 0.01), new L2().getConfig());
        var e = assertThrows(IllegalArgumentException.class, () -> new L2(-0.5));
        assertEquals("Invalid value for argument l2: expected a non-negative float.Received: l2=-0.5", e.getMessage());
    }

    @Test void gradientIsTwiceFactorTimesX() {
        GradCheck.check(in -> new L2(0.3).call(in.get(0)), GradCheck.uniform(4, -2, 2, 3, 2));
    }
}
