package io.keras4j.datasets;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * boston_housing and california_housing: shuffle with np.random.RandomState(seed), first
 * int(n * (1 - test_split)) rows train. Ten rows; RandomState(113) orders them [9, 3, 6, 1, 0, 7, 4, 8, 2, 5].
 */
class HousingTest {
    @TempDir Path tmp;

    private Path file(int features) throws IOException {
        double[] x = new double[10 * features], y = new double[10];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < features; j++) x[i * features + j] = i * 100 + j;
            y[i] = i + 0.5;
        }
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("x", NumpyFiles.npy("<f8", new int[] {10, features}, NumpyFiles.f8(x)));
        m.put("y", NumpyFiles.npy("<f8", new int[] {10}, NumpyFiles.f8(y)));
        return NumpyFiles.npz(tmp.resolve("housing.npz"), m);
    }

    @Test
    void bostonSplitsAsKeras() throws IOException {
        Split s = BostonHousing.loadData(file(13), 0.2, 113);
        assertEquals(Shape.of(8, 13), s.xTrain().shape());
        assertEquals(DType.FLOAT64, s.xTrain().dtype());
        assertEquals(900.0, s.xTrain().get(0, 0));
        assertEquals(312.0, s.xTrain().get(1, 12));
        assertArrayEquals(new double[] {2.5, 5.5}, s.yTest().toDoubleArray());
        Split all = BostonHousing.loadData(file(13), 0.0, 113);
        assertEquals(10, all.xTrain().shape().dim(0));
        assertEquals(0, all.xTest().shape().dim(0));
    }

    @Test
    void californiaVersionsAndChecks() throws IOException {
        Path f = file(8);
        Split small = CaliforniaHousing.loadData(f, "small", 0.2, 113); // 600 rows when there are that many
        assertEquals(Shape.of(8, 8), small.xTrain().shape());
        assertArrayEquals(new double[] {9.5, 3.5, 6.5, 1.5, 0.5, 7.5, 4.5, 8.5}, small.yTrain().toDoubleArray());
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> CaliforniaHousing.loadData(f, "medium", 0.2, 113));
        assertEquals("Argument `version` must be one of 'small', 'large'. Received: version=medium", v.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> CaliforniaHousing.loadData(f, "large", 1.0, 113));
        assertEquals("Invalid `test_split` argument: 1.0. It must be between 0 and 1 (exclusive of 1).", t.getMessage());
    }
}
