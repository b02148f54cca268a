package io.keras4j.datasets;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CIFAR batches in the real format: pickles written opcode by opcode as Python 2's cPickle writes
 * the CIFAR files (protocol 2, byte strings, numpy's {@code _reconstruct} + {@code BUILD}), and,
 * when numpy is installed, written by numpy and Python's pickle themselves.
 */
class CifarTest {
    @TempDir Path tmp;

    /** The pixel a test batch holds at image i, channel c, flat position p of the 32×32 plane. */
    static int pixel(int batch, int i, int c, int p) { return (batch * 31 + i * 7 + c * 101 + p) % 256; }

    /** A Python 2 protocol-2 pickle of {'data': uint8 (n, 3072), labelKey: [labels...], ...}. */
    static byte[] py2Batch(int batch, int n, String[] labelKeys, int[][] labels) {
        Pickle p = new Pickle();
        p.op(0x80).op(2).op('}').op('(');
        p.shortString("data");
        p.op('c').line("numpy.core.multiarray").line("_reconstruct");
        p.op('c').line("numpy").line("ndarray");
        p.op('K').op(0).op(0x85).shortString("b").op(0x87).op('R');
        p.op('(').op('K').op(1);
        p.op('M').u16(n).op('M').u16(3072).op(0x86);
        p.op('c').line("numpy").line("dtype");
        p.shortString("u1").op('K').op(0).op('K').op(1).op(0x87).op('R');
        p.op('(').op('K').op(3).shortString("|").op('N').op('N').op('N').op('J').i32(-1).op('J').i32(-1).op('K').op(0).op('t').op('b');
        p.op(0x89);
        byte[] data = new byte[n * 3072];
        for (int i = 0; i < n; i++) for (int c = 0; c < 3; c++) for (int q = 0; q < 1024; q++) data[i * 3072 + c * 1024 + q] = (byte) pixel(batch, i, c, q);
        p.op('T').i32(data.length).raw(data);
        p.op('t').op('b');
        for (int k = 0; k < labelKeys.length; k++) {
            p.shortString(labelKeys[k]).op(']').op('(');
            for (int y : labels[k]) p.op('K').op(y);
            p.op('e');
        }
        p.shortString("batch_label").shortString("testing batch " + batch);
        p.op('u').op('.');
        return p.bytes();
    }

    static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle op(int b) { out.write(b); return this; }
        Pickle line(String s) { out.writeBytes((s + "\n").getBytes(StandardCharsets.US_ASCII)); return this; }
        Pickle shortString(String s) { op('U').op(s.length()); out.writeBytes(s.getBytes(StandardCharsets.US_ASCII)); return this; }
        Pickle u16(int v) { return op(v & 0xff).op(v >> 8); }
        Pickle i32(int v) { return op(v & 0xff).op((v >> 8) & 0xff).op((v >> 16) & 0xff).op((v >>> 24) & 0xff); }
        Pickle raw(byte[] b) { out.writeBytes(b); return this; }
        byte[] bytes() { return out.toByteArray(); }
    }

    private Path cifar10Folder(int n) throws IOException {
        Path dir = tmp.resolve("cifar-10-batches-py");
        Files.createDirectories(dir);
        for (int b = 1; b <= 6; b++) {
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) labels[i] = (b + i) % 10;
            Files.write(dir.resolve(b <= 5 ? "data_batch_" + b : "test_batch"), py2Batch(b, n, new String[] {"labels"}, new int[][] {labels}));
        }
        return dir;
    }

    @Test
    void cifar10StacksTheFiveBatchesChannelsLast() throws IOException {
        Split s = Cifar10.loadData(cifar10Folder(2));
        assertEquals(Shape.of(10, 32, 32, 3), s.xTrain().shape());
        assertEquals(Shape.of(10, 1), s.yTrain().shape());
        assertEquals(Shape.of(2, 32, 32, 3), s.xTest().shape());
        assertEquals(Shape.of(2, 1), s.yTest().shape());
        assertEquals(DType.INT32, s.xTrain().dtype());
        // x_train.transpose(0, 2, 3, 1): element [n, row, col, c] = data[n, c, row * 32 + col]
        for (int[] q : new int[][] {{0, 0, 0, 0}, {3, 5, 7, 2}, {9, 31, 31, 1}}) {
            int n = q[0], batch = n / 2 + 1, i = n % 2;
            assertEquals(pixel(batch, i, q[3], q[1] * 32 + q[2]), (int) s.xTrain().get(n, q[1], q[2], q[3]), java.util.Arrays.toString(q));
        }
        assertEquals(pixel(6, 1, 2, 40), (int) s.xTest().get(1, 1, 8, 2));
        assertEquals((3 + 1) % 10, (int) s.yTrain().get(5, 0)); // batch 3, image 1
    }

    @Test
    void cifar100ChoosesFineOrCoarseLabels() throws IOException {
        Path dir = tmp.resolve("cifar-100-python");
        Files.createDirectories(dir);
        String[] keys = {"fine_labels", "coarse_labels"};
        Files.write(dir.resolve("train"), py2Batch(1, 3, keys, new int[][] {{99, 50, 7}, {19, 10, 3}}));
        Files.write(dir.resolve("test"), py2Batch(2, 2, keys, new int[][] {{1, 2}, {0, 1}}));
        Split fine = Cifar100.loadData(dir, "fine");
        Split coarse = Cifar100.loadData(dir, "coarse");
        assertEquals(Shape.of(3, 32, 32, 3), fine.xTrain().shape());
        assertEquals(99, (int) fine.yTrain().get(0, 0));
        assertEquals(19, (int) coarse.yTrain().get(0, 0));
        assertEquals(1, (int) coarse.yTest().get(1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cifar100.loadData(dir, "medium"));
        assertEquals("`label_mode` must be one of `\"fine\"`, `\"coarse\"`. Received: label_mode=medium.", e.getMessage());
    }

    @Test
    void readsABatchPickledByNumpy() throws IOException {
        Path file = tmp.resolve("numpy_batch");
        // Python 3, protocol 3 (bytes as BINBYTES; protocol 2 would route bytes through _codecs.encode,
        // which Keras's restricted unpickler refuses too), byte-string keys as in the CIFAR files.
        NumpyFiles.python("import numpy as np, pickle\n"
                + "d = np.arange(2 * 3072, dtype=np.int64).reshape(2, 3072) % 251\n"
                + "b = {b'data': d.astype(np.uint8), b'labels': [4, 9], b'batch_label': b'x'}\n"
                + "pickle.dump(b, open(r'" + file + "', 'wb'), protocol=3)\n");
        Cifar.Batch b = Cifar.loadBatch(file, "labels");
        assertEquals(2, b.size());
        assertEquals(9, b.labels()[1]);
        assertEquals((3072 + 1000) % 251, b.images()[3072 + 1000] & 0xff);
    }

    @Test
    void refusesAPickleThatCallsAnythingButNumpy() throws IOException {
        Pickle p = new Pickle();
        p.op(0x80).op(2).op('c').line("os").line("system").shortString("echo pwned").op(0x85).op('R').op('.');
        Path file = tmp.resolve("evil");
        Files.write(file, p.bytes());
        Exception e = assertThrows(RuntimeException.class, () -> Cifar.loadBatch(file, "labels"));
        String m = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        assertTrue(m.contains("Refusing to deserialize `os.system` while loading a Keras dataset. The file may be corrupted or malicious."), m);
    }
}
