package io.keras4j.layers.reshaping;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PermuteTest {
    @Test void movesAxesAsNumberedFromOne() {
        // (1, 2, 3, 4) with dims (3, 1, 2): out[b, k, i, j] = in[b, i, j, k].
        float[] v = new float[24];
        for (int i = 0; i < 24; i++) v[i] = i;
        Tensor y = new Permute(3, 1, 2).apply(Tensor.of(v, 1, 2, 3, 4));
        assertEquals(Shape.of(1, 4, 2, 3), y.shape());
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) {
            assertEquals(v[(i * 3 + j) * 4 + k], y.get(0, k, i, j));
        }
    }

    @Test void outputShapeAndConfig() {
        Permute p = new Permute(2, 1);
        assertEquals(Shape.of(-1, 64, 10), p.computeOutputShape(Shape.of(-1, 10, 64)));
        assertEquals(List.of(2, 1), p.getConfig().get("dims"));
        assertEquals(List.of(2, 1), Layers.fromConfig("Permute", Map.of("dims", List.of(2, 1))).getConfig().get("dims"));
    }

    @Test void refusesDimsThatAreNotAPermutationOfOneToN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Permute(0, 1));
        assertEquals("Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be consecutive and start from 1. Received dims=(0, 1)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Permute(1, 3));
        assertThrows(IllegalArgumentException.class, () -> new Permute(2, 1).apply(Tensor.zeros(1, 2, 3, 4)));
    }
}
