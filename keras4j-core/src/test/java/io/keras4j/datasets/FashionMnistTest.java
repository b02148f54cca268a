package io.keras4j.datasets;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gzip IDX files (LeCun's format description), small ones written here, and Debian's real Fashion-MNIST when installed. */
class FashionMnistTest {
    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir Path tmp;

    /** An IDX file of unsigned bytes: 0, 0, 0x08, rank, big-endian dims, data; gzip-compressed. */
    static void idx(Path file, int[] shape, int[] values) throws IOException {
        try (DataOutputStream o = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            o.writeInt(0x0800 | shape.length);
            for (int d : shape) o.writeInt(d);
            for (int v : values) o.writeByte(v);
        }
    }

    @Test
    void readsTheFourIdxFiles() throws IOException {
        int[] img = new int[2 * 28 * 28];
        for (int i = 0; i < img.length; i++) img[i] = (i * 13) % 256;
        idx(tmp.resolve("train-labels-idx1-ubyte.gz"), new int[] {2}, new int[] {9, 0});
        idx(tmp.resolve("train-images-idx3-ubyte.gz"), new int[] {2, 28, 28}, img);
        idx(tmp.resolve("t10k-labels-idx1-ubyte.gz"), new int[] {1}, new int[] {3});
        idx(tmp.resolve("t10k-images-idx3-ubyte.gz"), new int[] {1, 28, 28}, java.util.Arrays.copyOf(img, 784));
        Split s = FashionMnist.loadData(tmp);
        assertEquals(Shape.of(2, 28, 28), s.xTrain().shape());
        assertEquals(DType.INT32, s.xTrain().dtype());
        assertArrayEquals(img, s.xTrain().toIntArray());
        assertArrayEquals(new int[] {9, 0}, s.yTrain().toIntArray());
        assertEquals(Shape.of(1, 28, 28), s.xTest().shape());
        assertEquals("Ankle boot", FashionMnist.classNames().get(9));
    }

    @Test
    void truncatedAndMissingFilesAreNamed() throws IOException {
        idx(tmp.resolve("train-labels-idx1-ubyte.gz"), new int[] {5}, new int[] {1, 2});
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> FashionMnist.loadData(tmp));
        assertTrue(missing.getMessage().startsWith("The Fashion-MNIST file train-images-idx3-ubyte.gz is not in " + tmp.toAbsolutePath()), missing.getMessage());
        IOException e = assertThrows(IOException.class, () -> Idx.readUbyteGz(tmp.resolve("train-labels-idx1-ubyte.gz")));
        assertTrue(e.getMessage().endsWith("is truncated: 2 of 5 values"), e.getMessage());
    }

    @Test
    void loadsDebiansFashionMnist() {
        io.keras4j.TestTools.requireFile("dataset-fashion-mnist", DEBIAN.resolve("train-images-idx3-ubyte.gz").toString());
        Split s = FashionMnist.loadData(DEBIAN);
        // Keras's docstring: (60000, 28, 28), (60000,), (10000, 28, 28), (10000,); Zalando: 6000 / 1000 per class.
        assertEquals(Shape.of(60000, 28, 28), s.xTrain().shape());
        assertEquals(Shape.of(60000), s.yTrain().shape());
        assertEquals(Shape.of(10000, 28, 28), s.xTest().shape());
        assertEquals(Shape.of(10000), s.yTest().shape());
        int[] train = new int[10], test = new int[10];
        for (int y : s.yTrain().toIntArray()) train[y]++;
        for (int y : s.yTest().toIntArray()) test[y]++;
        int[] sixThousand = new int[10], oneThousand = new int[10];
        java.util.Arrays.fill(sixThousand, 6000);
        java.util.Arrays.fill(oneThousand, 1000);
        assertArrayEquals(sixThousand, train);
        assertArrayEquals(oneThousand, test);
    }
}
