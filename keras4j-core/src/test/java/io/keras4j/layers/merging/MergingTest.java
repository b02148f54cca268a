package io.keras4j.layers.merging;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MergingTest {
    private static final Tensor A = Tensor.of(new float[] {1, -2, 3, 4}, 2, 2);
    private static final Tensor B = Tensor.of(new float[] {0.5f, 2, -1, 1}, 2, 2);

    private static float[] run(Merge m, Tensor... xs) { return m.applyAll(List.of(xs), false).get(0).toFloatArray(); }

    @Test void elementwiseMerges() {
        assertArrayEquals(new float[] {1.5f, 0, 2, 5}, run(new Add(), A, B));
        assertArrayEquals(new float[] {0.5f, -4, 4, 3}, run(new Subtract(), A, B));
        assertArrayEquals(new float[] {0.5f, -4, -3, 4}, run(new Multiply(), A, B));
        assertArrayEquals(new float[] {0.75f, 0, 1, 2.5f}, run(new Average(), A, B));
        assertArrayEquals(new float[] {1, 2, 3, 4}, run(new Maximum(), A, B));
        assertArrayEquals(new float[] {0.5f, -2, -1, 1}, run(new Minimum(), A, B));
        assertArrayEquals(new float[] {2.5f, 1, 3, 6}, run(new Add(), A, B, Tensor.ones(2, 2)));
    }

    @Test void concatenateAlongAnAxis() {
        assertArrayEquals(new float[] {1, -2, 0.5f, 2, 3, 4, -1, 1}, run(new Concatenate(), A, B));
        assertArrayEquals(new float[] {1, -2, 3, 4, 0.5f, 2, -1, 1}, run(new Concatenate(0), A, B));
        assertEquals(List.of(Shape.of(-1, 5)), new Concatenate().computeOutputShapes(List.of(Shape.of(-1, 2), Shape.of(-1, 3))));
        assertThrows(IllegalArgumentException.class, () -> new Concatenate().computeOutputShapes(List.of(Shape.of(-1, 2, 3), Shape.of(-1, 4, 3))));
    }

    @Test void dotIsABatchedDotProduct() {
        // rows: [1,-2]·[0.5,2] = -3.5 ; [3,4]·[-1,1] = 1
        assertArrayEquals(new float[] {-3.5f, 1}, run(new Dot(1), A, B));
        float[] cos = run(new Dot(1).normalize(true), A, B);
        assertEquals(-3.5 / (Math.sqrt(5) * Math.sqrt(4.25)), cos[0], 1e-6);
        // (1, 2, 3) · (1, 2, 3) on axes (1, 1): (1, 3, 3) = AᵀB per sample
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 3);
        Tensor y = new Dot(1, 1).applyAll(List.of(x, x), false).get(0);
        assertEquals(Shape.of(1, 3, 3), y.shape());
        assertEquals(1 * 1 + 4 * 4, y.get(0, 0, 0), 1e-6);
        assertEquals(2 * 3 + 5 * 6, y.get(0, 1, 2), 1e-6);
    }

    @Test void masksAreCombinedAsKerasCombinesThem() {
        Tensor m1 = Tensor.of(new float[] {1, 0, 1}, 1, 3), m2 = Tensor.of(new float[] {1, 1, 0}, 1, 3);
        Tensor x = Tensor.zeros(1, 3, 2);
        assertArrayEquals(new float[] {1, 0, 0}, new Add().computeMasks(List.of(x, x), java.util.Arrays.asList(m1, m2)).get(0).toFloatArray());
        assertArrayEquals(new float[] {1, 0, 1}, new Add().computeMasks(List.of(x, x), java.util.Arrays.asList(m1, null)).get(0).toFloatArray());
        assertNull(new Add().computeMasks(List.of(x, x), java.util.Arrays.asList(null, null)).get(0));
        // Concatenating features: a step stays unmasked when either input is unmasked there (an input without a mask is all unmasked).
        assertArrayEquals(new float[] {1, 1, 1}, new Concatenate().computeMasks(List.of(x, x), java.util.Arrays.asList(m1, null)).get(0).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1}, new Concatenate().computeMasks(List.of(x, x), java.util.Arrays.asList(m1, m2)).get(0).toFloatArray());
        // Concatenating along time keeps each input's steps.
        assertArrayEquals(new float[] {1, 0, 1, 1, 1, 0},
                new Concatenate(1).computeMasks(List.of(x, x), java.util.Arrays.asList(m1, m2)).get(0).toFloatArray());
    }

    @Test void gradientsFlowThroughDot() {
        Tensor a = GradCheck.uniform(1, -1, 1, 2, 3, 4), b = GradCheck.uniform(2, -1, 1, 2, 4, 3);
        Dot dot = new Dot(2, 1).normalize(true).dtype(io.keras4j.tensor.DType.FLOAT64);
        GradCheck.check(in -> dot.applyAll(in, false).get(0), a, b);
    }

    @Test void mergesNeedSeveralInputsAndCompatibleShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Add().apply(A));
        assertTrue(e.getMessage().contains("at least 2 inputs. Got 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Subtract().applyAll(List.of(A, B, A), false));
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> new Add().computeOutputShapes(List.of(Shape.of(-1, 2), Shape.of(-1, 3))));
        assertTrue(s.getMessage().contains("incompatible shapes"), s.getMessage());
    }
}
