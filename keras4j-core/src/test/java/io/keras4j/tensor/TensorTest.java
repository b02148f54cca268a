package io.keras4j.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorTest {

    // ---------------------------------------------------------------- creation and back

    @Test
    void fromFlatArraysWithAShape() {
        Tensor f = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(Shape.of(2, 3), f.shape());
        assertEquals(DType.FLOAT32, f.dtype());
        assertEquals(2, f.rank());
        assertEquals(6, f.size());
        assertEquals(6.0, f.get(1, 2));
        assertEquals(2.0, f.get(0, 1));
        assertEquals(4.0, f.getDouble(3));

        assertEquals(DType.FLOAT64, Tensor.of(new double[] {1, 2}, 2).dtype());
        assertEquals(DType.INT32, Tensor.ofInts(new int[] {1, 2}, 1, 2).dtype());
        Tensor l = Tensor.ofLongs(new long[] {1L << 40, -3}, 2);
        assertEquals(DType.INT64, l.dtype());
        assertEquals((double) (1L << 40), l.getDouble(0));
    }

    @Test
    void withoutAShapeAnArrayIsAVector() {
        assertEquals(Shape.of(3), Tensor.of(new float[] {1, 2, 3}).shape());
        assertEquals(Shape.of(2), Tensor.ofInts(new int[] {4, 5}).shape());
        assertEquals(Shape.of(1), Tensor.of(new double[] {7}, 1).shape());
    }

    @Test
    void fromNestedArrays() {
        Tensor m = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(Shape.of(2, 3), m.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, m.toFloatArray());
        assertArrayEquals(new float[][] {{1, 2, 3}, {4, 5, 6}}, m.toFloat2D());

        Tensor d = Tensor.of(new double[][] {{1.5}, {-2.5}});
        assertEquals(Shape.of(2, 1), d.shape());
        assertEquals(DType.FLOAT64, d.dtype());
        assertArrayEquals(new double[] {1.5, -2.5}, d.toDoubleArray());

        Tensor c = Tensor.of(new float[][][] {{{1, 2}, {3, 4}, {5, 6}}, {{7, 8}, {9, 10}, {11, 12}}});
        assertEquals(Shape.of(2, 3, 2), c.shape());
        assertEquals(10.0, c.get(1, 1, 1));
        assertEquals(5.0, c.get(0, 2, 0));
    }

    @Test
    void raggedArraysAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("Ragged") && e.getMessage().contains("row 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[][] {{1}, {2, 3}}));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[][][] {{{1, 2}}, {{1, 2}, {3, 4}}}));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[][][] {{{1, 2}, {3}}}));
    }

    @Test
    void sizeMismatchNamesShapeAndCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[] {1, 2, 3}, 2, 2));
        assertTrue(e.getMessage().contains("(2, 2)") && e.getMessage().contains("3 values"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new double[5], Shape.of(6)));
        assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new Object(), Shape.of(1)));
    }

    @Test
    void creationCopiesAndAccessorsReturnCopies() {
        float[] src = {1, 2, 3};
        Tensor t = Tensor.of(src, 3);
        src[0] = 99;
        assertEquals(1.0, t.getDouble(0));
        t.toFloatArray()[1] = 99;
        t.toDoubleArray()[1] = 99;
        assertEquals(2.0, t.getDouble(1));
        Tensor copy = t.copy();
        assertNotSame(t.data(), copy.data());
        assertArrayEquals(t.toFloatArray(), copy.toFloatArray());
    }

    @Test
    void conversionsBetweenTypes() {
        Tensor t = Tensor.of(new double[] {1.9, -1.9, 0.25}, 3);
        assertArrayEquals(new int[] {1, -1, 0}, t.toIntArray()); // truncation toward zero
        assertArrayEquals(new float[] {1.9f, -1.9f, 0.25f}, t.toFloatArray());
        assertArrayEquals(new double[] {3, 4}, Tensor.ofInts(new int[] {3, 4}).toDoubleArray());
        assertThrows(IllegalStateException.class, () -> Tensor.of(new float[] {1, 2}).toFloat2D());
        assertThrows(IllegalStateException.class, t::floats);
        assertThrows(IllegalStateException.class, () -> Tensor.of(new float[] {1, 2}).doubles());
        assertSame(t.data(), t.doubles());
    }

    @Test
    void factories() {
        Tensor z = Tensor.zeros(2, 3);
        assertEquals(Shape.of(2, 3), z.shape());
        assertEquals(DType.FLOAT32, z.dtype());
        assertArrayEquals(new float[6], z.toFloatArray());
        assertArrayEquals(new float[] {1, 1}, Tensor.ones(2).toFloatArray());
        for (DType dt : DType.numericValues()) {
            Tensor f = Tensor.full(Shape.of(2), 3, dt);
            assertEquals(dt, f.dtype());
            assertArrayEquals(new double[] {3, 3}, f.toDoubleArray());
            assertEquals(dt, Tensor.zeros(Shape.of(1), dt).dtype());
        }
        Tensor s = Tensor.scalar(2.5, DType.FLOAT64);
        assertEquals(Shape.scalar(), s.shape());
        assertEquals(2.5, s.item());
        assertEquals(-1.5, Tensor.scalar(-1.5f).item());
        assertEquals(DType.FLOAT32, Tensor.scalar(-1.5f).dtype());
        // Integer fill truncates like a cast.
        assertEquals(2.0, Tensor.scalar(2.9, DType.INT32).item());
    }

    // ---------------------------------------------------------------- element access

    @Test
    void itemNeedsExactlyOneElement() {
        assertEquals(4.0, Tensor.of(new float[] {4}, 1, 1).item());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tensor.zeros(2).item());
        assertTrue(e.getMessage().contains("(2,)"), e.getMessage());
    }

    @Test
    void getChecksRankAndBounds() {
        Tensor t = Tensor.zeros(2, 3);
        assertThrows(IllegalArgumentException.class, () -> t.get(1));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.get(0, 3));
        assertTrue(e.getMessage().contains("axis 1") && e.getMessage().contains("size 3"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(-1, 0));
        assertEquals(0.0, Tensor.scalar(0, DType.FLOAT32).get());
    }

    @Test
    void withShapeSharesStorageAndChecksSize() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor r = t.withShape(Shape.of(3, 2));
        assertSame(t.data(), r.data());
        assertEquals(4.0, r.get(1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.withShape(Shape.of(4, 2)));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(4, 2)"), e.getMessage());
    }

    // ---------------------------------------------------------------- text

    @Test
    void toStringLooksLikeNumPy() {
        assertEquals("tensor([1., 2.5, -3.], shape=(3,), dtype=float32)", Tensor.of(new float[] {1, 2.5f, -3}).toString());
        assertEquals("tensor([1, -2], shape=(2,), dtype=int32)", Tensor.ofInts(new int[] {1, -2}).toString());
        assertEquals("tensor(2., shape=(), dtype=float64)", Tensor.scalar(2, DType.FLOAT64).toString());
        assertEquals("tensor(0.1, shape=(), dtype=float32)", Tensor.scalar(0.1f).toString()); // float32 digits, not 0.10000000149
        assertEquals("tensor([], shape=(0,), dtype=float32)", Tensor.zeros(0).toString());
        // Rows on their own lines, aligned under the first bracket; a blank line between 2-D blocks.
        assertEquals("tensor([[1., 2.],\n        [3., 4.]], shape=(2, 2), dtype=float32)",
                Tensor.of(new float[][] {{1, 2}, {3, 4}}).toString());
        assertEquals("tensor([[[0, 1]],\n\n        [[2, 3]]], shape=(2, 1, 2), dtype=int64)",
                Tensor.ofLongs(new long[] {0, 1, 2, 3}, 2, 1, 2).toString());
    }

    @Test
    void specialValuesAreSpelledAsNumPy() {
        Tensor t = Tensor.of(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0}, 4);
        assertEquals("tensor([nan, inf, -inf, -0.], shape=(4,), dtype=float64)", t.toString());
        assertEquals("tensor([9007199254740993], shape=(1,), dtype=int64)", Tensor.ofLongs(new long[] {(1L << 53) + 1}, 1).toString());
    }

    @Test
    void bigTensorsAreSummarised() {
        // NumPy summarises above 1000 elements, keeping 3 items at each edge.
        double[] v = new double[2000];
        for (int i = 0; i < v.length; i++) v[i] = i;
        assertEquals("tensor([0., 1., 2., ..., 1997., 1998., 1999.], shape=(2000,), dtype=float64)", Tensor.of(v).toString());
        double[] w = new double[1000];
        String full = Tensor.of(w).toString();
        assertTrue(!full.contains("...") && full.split(",").length == 1000 + 3, "1000 elements are printed in full");

        int[] m = new int[100 * 20];
        for (int i = 0; i < m.length; i++) m[i] = i;
        String s = Tensor.ofInts(m, 100, 20).toString();
        String[] lines = s.split("\n");
        assertEquals(7, lines.length, s);
        assertEquals("tensor([[0, 1, 2, ..., 17, 18, 19],", lines[0]);
        assertEquals("        ...,", lines[3]);
        assertEquals("        [1980, 1981, 1982, ..., 1997, 1998, 1999]], shape=(100, 20), dtype=int32)", lines[6]);
    }
}
