package io.keras4j.regularizers;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class L1L2Test {
    private static final Tensor X = Tensor.of(new double[][] {{1, -2}, {0.5, -4}});

    @Test void penaltyIsTheSumOfBothTerms() {
        // 0.3 * 7.5 + 0.1 * 21.25
        assertEquals(2.25 + 2.125, new L1L2(0.3, 0.1).call(X).item(), 1e-12);
        assertEquals(2.25, new L1L2(0.3, 0).call(X).item(), 1e-12);
        assertEquals(2.125, new L1L2(0, 0.1).call(X).item(), 1e-12);
    }

    @Test void defaultsAreZeroAndGiveNoPenalty() {
        L1L2 r = new L1L2();
        assertEquals(0.0, r.l1());
        assertEquals(0.0, r.l2());
        assertEquals(0.0, r.call(X).item());
        assertEquals(0, r.call(X).rank());
    }

    @Test void zeroFactorLeavesItsTermOutAsKerasDoes() {
        // 0 * inf would be NaN; Keras skips the term instead.
        Tensor inf = Tensor.of(new double[] {Double.POSITIVE_INFINITY, 1});
        assertEquals(0.0, new L1L2().call(inf).item());
    }

    @Test void configHasBothKeys() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("l1", 0.5);
        expected.put("l2", 0.25);
        assertEquals(expected, new L1L2(0.5, 0.25).getConfig());
        var e = assertThrows(IllegalArgumentException.class, () -> new L1L2(0.1, -2));
        assertTrue(e.getMessage().contains("l2=-2.0"), e.getMessage());
    }

    @Test void gradientMatchesFiniteDifferences() {
        GradCheck.check(in -> new L1L2(0.2, 0.3).call(in.get(0)), GradCheck.awayFromZero(5, 0.1, 2, 4, 3));
    }
}
