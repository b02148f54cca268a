package io.keras4j.layers.normalization;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class UnitNormalizationTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void scalesToUnitNormAlongTheLastAxis() {
        // [3, 4] has norm 5; [0, 0] stays zero.
        Tensor y = new UnitNormalization().apply(Tensor.of(new float[] {3, 4, 0, 0}, 2, 2));
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 0}, y.toFloatArray(), 1e-7f);
        // Keras's docstring: arange(6).reshape(2, 3) normalised has squared row sums of 1.
        float[] z = new UnitNormalization().apply(Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3)).toFloatArray();
        assertEquals(1, z[0] * z[0] + z[1] * z[1] + z[2] * z[2], 1e-6);
        assertEquals(1, z[3] * z[3] + z[4] * z[4] + z[5] * z[5], 1e-6);
        assertEquals(2 / Math.sqrt(5), z[2], 1e-6);
    }

    @Test void severalAxesShareOneNorm() {
        // (1, 2, 2) = [[1, 1], [1, 1]] over axes 1 and 2: norm 2 → 0.5 each.
        Tensor y = new UnitNormalization().axis(1, 2).apply(Tensor.of(new float[] {1, 1, 1, 1}, 1, 2, 2));
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, y.toFloatArray(), 1e-7f);
        // Axis 1 alone: columns [1, 1] → 1/sqrt(2).
        Tensor cols = new UnitNormalization().axis(1).apply(Tensor.of(new float[] {1, 1, 1, 1}, 1, 2, 2));
        assertArrayEquals(new float[] {0.70710677f, 0.70710677f, 0.70710677f, 0.70710677f}, cols.toFloatArray(), 1e-7f);
    }

    @Test void configErrorsAndGradient() {
        assertEquals(-1, new UnitNormalization().getConfig().get("axis"));
        assertEquals(List.of(1, 2), new UnitNormalization().axis(1, 2).getConfig().get("axis"));
        assertEquals(List.of(1, 2), Layers.fromConfig("UnitNormalization", Map.of("axis", List.of(1, 2))).getConfig().get("axis"));
        assertEquals(-2, Layers.fromConfig("UnitNormalization", Map.of("axis", -2)).getConfig().get("axis"));
        var e = assertThrows(IllegalArgumentException.class, () -> new UnitNormalization().axis(2).ensureBuilt(Shape.of(-1, 3)));
        assertEquals("Axis 2 is out of bounds for input shape (None, 3).", e.getMessage());
        assertTrue(new UnitNormalization().weights().isEmpty());
        UnitNormalization u = new UnitNormalization().dtype(DType.FLOAT64);
        GradCheck.check(in -> u.apply(in.get(0)), GradCheck.uniform(9, -2, 2, 3, 4));
    }
}
