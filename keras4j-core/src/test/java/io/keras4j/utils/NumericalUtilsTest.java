package io.keras4j.utils;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against the examples of Keras's numerical_utils docstrings and tests, and hand-worked norms. */
class NumericalUtilsTest {

    @Test
    void toCategoricalDocstringExampleIsTheIdentity() {
        Tensor a = NumericalUtils.toCategorical(Tensor.ofInts(new int[] {0, 1, 2, 3}), 4);
        assertEquals(Shape.of(4, 4), a.shape());
        assertEquals(DType.FLOAT32, a.dtype());
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, a.toFloatArray());
    }

    @Test
    void toCategoricalShapesAsKerasTests() {
        int[][][] cases = {
            {{1}, {1, 5}}, {{3}, {3, 5}}, {{4, 3}, {4, 3, 5}}, {{5, 4, 3}, {5, 4, 3, 5}}, {{3, 1}, {3, 5}}, {{3, 2, 1}, {3, 2, 5}},
        };
        for (int[][] c : cases) {
            Shape in = Shape.of(c[0]);
            int[] labels = new int[in.size()];
            for (int i = 0; i < labels.length; i++) labels[i] = (i * 3 + 1) % 5;
            Tensor oneHot = NumericalUtils.toCategorical(Tensor.ofInts(labels, c[0]), 5);
            assertEquals(Shape.of(c[1]), oneHot.shape(), "input shape " + in);
            float[] v = oneHot.toFloatArray();
            for (int i = 0; i < labels.length; i++) {
                for (int k = 0; k < 5; k++) assertEquals(k == labels[i] ? 1f : 0f, v[i * 5 + k], "row " + i + " class " + k);
            }
        }
    }

    @Test
    void toCategoricalInfersMaxPlusOneClasses() {
        Tensor oneHot = NumericalUtils.toCategorical(Tensor.ofInts(new int[] {0, 2, 5}));
        assertEquals(Shape.of(3, 6), oneHot.shape());
        assertEquals(1f, oneHot.get(2, 5));
    }

    @Test
    void toCategoricalAcceptsFloatLabels() {
        Tensor oneHot = NumericalUtils.toCategorical(Tensor.of(new float[] {2f, 0f}), 3);
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, oneHot.toFloatArray());
    }

    @Test
    void toCategoricalRejectsLabelsOutOfRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> NumericalUtils.toCategorical(Tensor.ofInts(new int[] {0, 3}), 3));
        assertTrue(e.getMessage().contains("num_classes=3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NumericalUtils.toCategorical(Tensor.ofInts(new int[] {0, -1}), 3));
        assertThrows(IllegalArgumentException.class, () -> NumericalUtils.toCategorical(Tensor.ofInts(new int[] {0}), 0));
    }

    @Test
    void normalizeAlongAxisZeroAsKerasTest() {
        Tensor x = Tensor.of(new double[][] {{3, 0, 12}, {4, 5, 0}});
        Tensor out = NumericalUtils.normalize(x, 0, 2);
        assertEquals(DType.FLOAT64, out.dtype());
        assertArrayEquals(new double[] {0.6, 0, 1, 0.8, 1, 0}, out.toDoubleArray(), 1e-12);
    }

    @Test
    void normalizeL2RowsAsKerasOpsDocstring() {
        Tensor out = NumericalUtils.normalize(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertEquals(DType.FLOAT32, out.dtype());
        assertArrayEquals(new float[] {0.26726124f, 0.5345225f, 0.8017837f, 0.45584232f, 0.5698029f, 0.68376344f}, out.toFloatArray(), 1e-6f);
    }

    @Test
    void normalizeOtherOrders() {
        // L1: |1| + |-3| = 4.  L3: (1 + 8 + 8)^(1/3) = 17^(1/3).
        assertArrayEquals(new double[] {0.25, -0.75}, NumericalUtils.normalize(Tensor.of(new double[] {1, -3}), -1, 1).toDoubleArray(), 1e-12);
        double n3 = Math.cbrt(17);
        assertArrayEquals(new double[] {1 / n3, 2 / n3, -2 / n3},
                NumericalUtils.normalize(Tensor.of(new double[] {1, 2, -2}), -1, 3).toDoubleArray(), 1e-12);
    }

    @Test
    void normalizeLeavesZeroVectorsAsTheyAre() {
        Tensor out = NumericalUtils.normalize(Tensor.of(new double[][] {{0, 0}, {3, 4}}), -1, 2);
        assertArrayEquals(new double[] {0, 0, 0.6, 0.8}, out.toDoubleArray(), 1e-12);
    }

    @Test
    void normalizeMiddleAxisOfRank3() {
        // shape (1, 2, 2): the norm runs over axis 1, i.e. pairs (x[0,0,j], x[0,1,j]).
        Tensor out = NumericalUtils.normalize(Tensor.of(new double[] {3, 1, 4, 0}, 1, 2, 2), 1, 2);
        assertArrayEquals(new double[] {0.6, 1, 0.8, 0}, out.toDoubleArray(), 1e-12);
    }

    @Test
    void normalizeRejectsBadArguments() {
        Tensor x = Tensor.of(new double[] {1, 2});
        var e = assertThrows(IllegalArgumentException.class, () -> NumericalUtils.normalize(x, -1, 0));
        assertTrue(e.getMessage().contains("order=0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NumericalUtils.normalize(x, 1, 2));
    }
}
