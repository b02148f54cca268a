package io.keras4j.datasets;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Against scikit-learn's description of load_digits (digits.rst) and its first images. */
class DigitsTest {

    @Test
    void hasTheDocumentedSizeAndRange() {
        Split d = Digits.loadData();
        assertEquals(Shape.of(1797, 8, 8), d.xTrain().shape());
        assertEquals(DType.FLOAT32, d.xTrain().dtype());
        assertEquals(Shape.of(1797), d.yTrain().shape());
        assertEquals(DType.INT32, d.yTrain().dtype());
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : d.xTrain().toFloatArray()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(16f, max); // "integer pixels in the range 0..16"
    }

    @Test
    void classCountsMatchScikitLearn() {
        // np.bincount(load_digits().target)
        int[] expected = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};
        int[] counts = new int[10];
        for (int y : Digits.loadData().yTrain().toIntArray()) counts[y]++;
        assertArrayEquals(expected, counts);
    }

    @Test
    void firstImageIsAZero() {
        // load_digits().images[0][0] and target[0]
        Split d = Digits.loadData();
        assertEquals(0, d.yTrain().toIntArray()[0]);
        float[] firstRow = java.util.Arrays.copyOf(d.xTrain().toFloatArray(), 8);
        assertArrayEquals(new float[] {0, 0, 5, 13, 9, 1, 0, 0}, firstRow);
    }

    @Test
    void splitsLikeKerasRegressionLoaders() {
        Split s = Digits.loadData(0.2, 42);
        assertEquals(1437, s.xTrain().shape().dim(0)); // int(1797 * 0.8)
        assertEquals(360, s.xTest().shape().dim(0));
        // The first training image is row 1245 of the file (numpy RandomState(42) shuffle).
        Split all = Digits.loadData();
        float[] expected = java.util.Arrays.copyOfRange(all.xTrain().toFloatArray(), 1245 * 64, 1246 * 64);
        assertArrayEquals(expected, java.util.Arrays.copyOf(s.xTrain().toFloatArray(), 64));
        assertEquals(all.yTrain().toIntArray()[1245], s.yTrain().toIntArray()[0]);
    }

    @Test
    void rejectsBadTestSplit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Digits.loadData(1.0, 1));
        assertEquals("Invalid `test_split` argument: 1.0. It must be between 0 and 1 (exclusive of 1).", e.getMessage());
    }
}
