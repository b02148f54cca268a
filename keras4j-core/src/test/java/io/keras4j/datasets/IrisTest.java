package io.keras4j.datasets;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against Fisher's published data: its first and last rows, class sizes and the UCI summary statistics. */
class IrisTest {

    @Test
    void hasFisherShapesAndDtypes() {
        Iris.Data d = Iris.loadData();
        assertEquals(Shape.of(150, 4), d.x().shape());
        assertEquals(DType.FLOAT32, d.x().dtype());
        assertEquals(Shape.of(150), d.y().shape());
        assertEquals(DType.INT32, d.y().dtype());
    }

    @Test
    void fiftyFlowersPerSpecies() {
        int[] counts = new int[3];
        for (int label : Iris.loadData().y().toIntArray()) counts[label]++;
        assertArrayEquals(new int[] {50, 50, 50}, counts);
    }

    @Test
    void knownRows() {
        Iris.Data d = Iris.loadData();
        float[] x = d.x().toFloatArray();
        int[] y = d.y().toIntArray();
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, java.util.Arrays.copyOfRange(x, 0, 4));
        assertEquals(0, y[0]);
        assertArrayEquals(new float[] {7.0f, 3.2f, 4.7f, 1.4f}, java.util.Arrays.copyOfRange(x, 50 * 4, 51 * 4)); // first versicolor
        assertEquals(1, y[50]);
        assertArrayEquals(new float[] {5.9f, 3.0f, 5.1f, 1.8f}, java.util.Arrays.copyOfRange(x, 149 * 4, 150 * 4));
        assertEquals(2, y[149]);
    }

    @Test
    void meansMatchTheUciSummary() {
        // UCI's iris.names: means 5.84, 3.05 (3.057 in the corrected data), 3.76, 1.20.
        float[] x = Iris.loadData().x().toFloatArray();
        double[] sum = new double[4];
        for (int i = 0; i < 150; i++) for (int j = 0; j < 4; j++) sum[j] += x[i * 4 + j];
        double[] expected = {5.843, 3.057, 3.758, 1.199};
        for (int j = 0; j < 4; j++) assertEquals(expected[j], sum[j] / 150, 5e-4, Iris.featureNames().get(j));
    }

    @Test
    void names() {
        assertEquals(List.of("setosa", "versicolor", "virginica"), Iris.classNames());
        assertEquals(List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"), Iris.featureNames());
    }

    @Test
    void splitIsStratifiedDisjointAndComplete() {
        Iris.Split s = Iris.loadData(0.2, 42);
        assertEquals(Shape.of(120, 4), s.xTrain().shape());
        assertEquals(Shape.of(120), s.yTrain().shape());
        assertEquals(Shape.of(30, 4), s.xTest().shape());
        assertEquals(Shape.of(30), s.yTest().shape());
        int[] testCounts = new int[3];
        for (int label : s.yTest().toIntArray()) testCounts[label]++;
        assertArrayEquals(new int[] {10, 10, 10}, testCounts);
        // Every original row lands in exactly one set, with its own label.
        List<String> all = rowsOf(Iris.loadData().x(), Iris.loadData().y());
        List<String> got = rowsOf(s.xTrain(), s.yTrain());
        got.addAll(rowsOf(s.xTest(), s.yTest()));
        Collections.sort(all);
        Collections.sort(got);
        assertEquals(all, got);
    }

    @Test
    void splitRowsAreMixedNotSortedByClass() {
        int[] y = Iris.loadData(0.2, 42).yTrain().toIntArray();
        int changes = 0;
        for (int i = 1; i < y.length; i++) if (y[i] != y[i - 1]) changes++;
        assertTrue(changes > 20, "class changes " + changes);
    }

    @Test
    void splitDependsOnlyOnTheSeed() {
        Iris.Split a = Iris.loadData(0.2, 7), b = Iris.loadData(0.2, 7), c = Iris.loadData(0.2, 8);
        assertArrayEquals(a.xTest().toFloatArray(), b.xTest().toFloatArray());
        assertArrayEquals(a.yTrain().toIntArray(), b.yTrain().toIntArray());
        assertNotEquals(java.util.Arrays.toString(a.xTest().toFloatArray()), java.util.Arrays.toString(c.xTest().toFloatArray()));
    }

    @Test
    void rejectsFractionsOutsideTheOpenInterval() {
        assertThrows(IllegalArgumentException.class, () -> Iris.loadData(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Iris.loadData(1, 1));
        assertThrows(IllegalArgumentException.class, () -> Iris.loadData(Double.NaN, 1));
    }

    /** Rows as text, in a list: the data set holds duplicate rows, which a set would merge. */
    private static List<String> rowsOf(Tensor x, Tensor y) {
        List<String> out = new ArrayList<>();
        float[] v = x.toFloatArray();
        int[] l = y.toIntArray();
        for (int i = 0; i < l.length; i++) {
            out.add(java.util.Arrays.toString(java.util.Arrays.copyOfRange(v, i * 4, i * 4 + 4)) + "/" + l[i]);
        }
        return out;
    }
}
