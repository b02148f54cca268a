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

/** mnist.npz's layout (four uint8 members) in small files: written by the .npy format description, and by numpy when installed. */
class MnistTest {
    @TempDir Path tmp;

    @Test
    void readsTheFourArraysOfAnNpz() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        int[] px = new int[3 * 2 * 2];
        for (int i = 0; i < px.length; i++) px[i] = 250 + i % 6; // above 127: uint8 must not come back negative
        m.put("x_test", NumpyFiles.npy("|u1", new int[] {1, 2, 2}, NumpyFiles.u1(1, 2, 3, 4)));
        m.put("x_train", NumpyFiles.npy("|u1", new int[] {3, 2, 2}, NumpyFiles.u1(px)));
        m.put("y_train", NumpyFiles.npy("|u1", new int[] {3}, NumpyFiles.u1(5, 0, 9)));
        m.put("y_test", NumpyFiles.npy("|u1", new int[] {1}, NumpyFiles.u1(7)));
        Split s = Mnist.loadData(NumpyFiles.npz(tmp.resolve("mnist.npz"), m));
        assertEquals(Shape.of(3, 2, 2), s.xTrain().shape());
        assertEquals(DType.INT32, s.xTrain().dtype());
        assertArrayEquals(px, s.xTrain().toIntArray());
        assertArrayEquals(new int[] {5, 0, 9}, s.yTrain().toIntArray());
        assertEquals(Shape.of(1, 2, 2), s.xTest().shape());
        assertArrayEquals(new int[] {7}, s.yTest().toIntArray());
    }

    @Test
    void readsAnNpzWrittenByNumpy() throws IOException {
        Path f = tmp.resolve("np_mnist.npz");
        NumpyFiles.python("import numpy as np\n"
                + "x = (np.arange(4 * 28 * 28) % 256).astype(np.uint8).reshape(4, 28, 28)\n"
                + "np.savez_compressed(r'" + f + "', x_train=x, y_train=np.array([1, 2, 3, 255], np.uint8),"
                + " x_test=x[:2], y_test=np.array([0, 9], np.uint8))\n");
        Split s = Mnist.loadData(f);
        assertEquals(Shape.of(4, 28, 28), s.xTrain().shape());
        assertEquals(Shape.of(2, 28, 28), s.xTest().shape());
        assertEquals((2 * 784 + 27 * 28 + 5) % 256, (int) s.xTrain().get(2, 27, 5));
        assertArrayEquals(new int[] {1, 2, 3, 255}, s.yTrain().toIntArray());
    }

    @Test
    void aMissingMemberIsNamed() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("x_train", NumpyFiles.npy("|u1", new int[] {1}, NumpyFiles.u1(0)));
        Path f = NumpyFiles.npz(tmp.resolve("bad.npz"), m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mnist.loadData(f));
        assertEquals(f + " has no array named 'y_train' (it has [x_train])", e.getMessage());
    }
}
