package io.keras4j.datasets;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** numpy's .npy format: element types, byte order, Fortran order and object arrays, checked on files numpy writes. */
class NpyTest {
    @TempDir Path tmp;

    @Test
    void typesAndOrdersWrittenByNumpy() throws IOException {
        Path f = tmp.resolve("types.npz");
        NumpyFiles.python("import numpy as np\n"
                + "a = np.array([[1.5, -2.25, 3.0], [4.0, 5.0, 6.125]])\n"
                + "np.savez(r'" + f + "', f8=a, f4=a.astype(np.float32), f2=a.astype(np.float16), be=a.astype('>f8'),"
                + " i8=np.array([-(2**40), 7]), i2=np.array([-3, 30000], np.int16), u2=np.array([65535], np.uint16),"
                + " u1=np.array([0, 200, 255], np.uint8), b1=np.array([True, False]), fo=np.asfortranarray(a), v2=np.arange(3))\n");
        Map<String, PickledArray> m = Npy.loadNpz(f);
        double[] expected = {1.5, -2.25, 3.0, 4.0, 5.0, 6.125};
        Tensor f8 = m.get("f8").tensor();
        assertEquals(DType.FLOAT64, f8.dtype());
        assertEquals(Shape.of(2, 3), f8.shape());
        assertArrayEquals(expected, f8.toDoubleArray());
        assertEquals(DType.FLOAT32, m.get("f4").tensor().dtype());
        assertArrayEquals(expected, m.get("f4").tensor().toDoubleArray());
        assertArrayEquals(expected, m.get("f2").tensor().toDoubleArray());
        assertArrayEquals(expected, m.get("be").tensor().toDoubleArray());
        assertArrayEquals(expected, m.get("fo").tensor().toDoubleArray()); // Fortran order comes back in C order
        assertEquals(DType.INT64, m.get("i8").tensor().dtype());
        assertArrayEquals(new long[] {-(1L << 40), 7}, (long[]) m.get("i8").tensor().data());
        assertArrayEquals(new int[] {-3, 30000}, m.get("i2").tensor().toIntArray());
        assertArrayEquals(new int[] {65535}, m.get("u2").tensor().toIntArray());
        assertArrayEquals(new int[] {0, 200, 255}, m.get("u1").tensor().toIntArray());
        assertArrayEquals(new int[] {1, 0}, m.get("b1").tensor().toIntArray());
    }

    @Test
    void objectArraysOfListsAsKerasTextDatasetsStoreThem() throws IOException {
        Path f = tmp.resolve("ragged.npz");
        NumpyFiles.python("import numpy as np\n"
                + "x = np.empty(3, dtype=object)\n"
                + "x[0] = [1, 14, 22]; x[1] = [5]; x[2] = list(range(300))\n"
                + "np.savez(r'" + f + "', x=x)\n");
        List<int[]> xs = Npy.intLists(Npy.loadNpz(f).get("x"));
        assertEquals(3, xs.size());
        assertArrayEquals(new int[] {1, 14, 22}, xs.get(0));
        assertArrayEquals(new int[] {5}, xs.get(1));
        assertEquals(299, xs.get(2)[299]);
    }

    @Test
    void halfFloatsByTheIeeeLayout() {
        assertEquals(1.0f, Npy.halfToFloat((short) 0x3c00));
        assertEquals(-2.0f, Npy.halfToFloat((short) 0xc000));
        assertEquals(65504f, Npy.halfToFloat((short) 0x7bff)); // largest half
        assertEquals(5.9604645e-8f, Npy.halfToFloat((short) 0x0001)); // smallest subnormal
        assertEquals(Float.POSITIVE_INFINITY, Npy.halfToFloat((short) 0x7c00));
    }

    @Test
    void truncatedDataIsReported() {
        byte[] npy = NumpyFiles.npy("<f8", new int[] {4}, NumpyFiles.f8(1, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(npy, "x.npy").tensor());
        assertEquals("The array data is truncated: 24 bytes for 4 elements of <f8", e.getMessage());
        assertThrows(IOException.class, () -> Npy.read(new byte[] {1, 2, 3}, "junk.npy"));
    }
}
