package io.keras4j.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShapeTest {

    @Test
    void dimensionsRankAndSize() {
        Shape s = Shape.of(2, 3, 4);
        assertEquals(3, s.rank());
        assertEquals(24, s.size());
        assertEquals(2, s.dim(0));
        assertEquals(4, s.dim(-1));
        assertEquals(2, s.dim(-3));
        assertArrayEquals(new int[] {2, 3, 4}, s.dims());
        assertEquals(1, Shape.scalar().size());
        assertEquals(0, Shape.scalar().rank());
        assertSame(Shape.scalar(), Shape.of());
        assertEquals(0, Shape.of(3, 0, 2).size());
    }

    @Test
    void isImmutable() {
        int[] d = {2, 3};
        Shape s = Shape.of(d);
        d[0] = 7;
        s.dims()[1] = 9;
        assertEquals(Shape.of(2, 3), s);
    }

    @Test
    void axisOutOfBoundsNamesAxisAndRank() {
        Shape s = Shape.of(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.dim(2));
        assertTrue(e.getMessage().contains("axis 2") && e.getMessage().contains("rank 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.dim(-3));
        assertEquals(1, s.normalizeAxis(-1));
    }

    @Test
    void unknownDimensions() {
        Shape s = Shape.of(Shape.UNKNOWN, 10);
        assertFalse(s.isFullyDefined());
        assertTrue(Shape.of(1, 10).isFullyDefined());
        assertEquals("(None, 10)", s.toString());
        assertThrows(IllegalStateException.class, s::size);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(3, -2));
        assertTrue(e.getMessage().contains("-2"), e.getMessage());
    }

    @Test
    void pythonTupleText() {
        // Keras prints shapes as Python tuples.
        assertEquals("()", Shape.scalar().toString());
        assertEquals("(3,)", Shape.of(3).toString());
        assertEquals("(32, 100)", Shape.of(32, 100).toString());
        assertEquals("(None, 28, 28, 1)", Shape.of(-1, 28, 28, 1).toString());
    }

    @Test
    void derivedShapes() {
        Shape s = Shape.of(2, 3, 4);
        assertEquals(Shape.of(2, 5, 4), s.withDim(1, 5));
        assertEquals(Shape.of(2, 3, 7), s.withDim(-1, 7));
        assertEquals(Shape.of(3, 4), s.dropFirst());
        assertEquals(Shape.of(3), s.sub(1, 2));
        assertEquals(Shape.of(-1, 2, 3, 4), s.prepend(-1));
        assertEquals(Shape.of(2, 3, 4, 5), s.append(5));
        assertEquals(Shape.of(2, 3, 4), s); // unchanged
        assertArrayEquals(new int[] {12, 4, 1}, s.strides());
        assertArrayEquals(new int[0], Shape.scalar().strides());
    }

    @Test
    void equalsAndHashCode() {
        assertEquals(Shape.of(2, 3), Shape.of(2, 3));
        assertEquals(Shape.of(2, 3).hashCode(), Shape.of(2, 3).hashCode());
        assertNotEquals(Shape.of(2, 3), Shape.of(3, 2));
        assertNotEquals(Shape.of(6), Shape.of(2, 3));
    }

    @Test
    void broadcastingFollowsNumPy() {
        // The examples of NumPy's broadcasting guide.
        assertEquals(Shape.of(256, 256, 3), Shape.broadcast(Shape.of(256, 256, 3), Shape.of(3)));
        assertEquals(Shape.of(8, 7, 6, 5), Shape.broadcast(Shape.of(8, 1, 6, 1), Shape.of(7, 1, 5)));
        assertEquals(Shape.of(5, 4), Shape.broadcast(Shape.of(5, 4), Shape.of(1)));
        assertEquals(Shape.of(5, 4), Shape.broadcast(Shape.of(5, 4), Shape.of(4)));
        assertEquals(Shape.of(15, 3, 5), Shape.broadcast(Shape.of(15, 3, 5), Shape.of(15, 1, 5)));
        assertEquals(Shape.of(15, 3, 5), Shape.broadcast(Shape.of(15, 3, 5), Shape.of(3, 1)));
        assertEquals(Shape.of(2, 3), Shape.broadcast(Shape.scalar(), Shape.of(2, 3)));
        assertEquals(Shape.scalar(), Shape.broadcast(Shape.scalar(), Shape.scalar()));
        // A size-0 axis broadcasts against 1 and stays 0.
        assertEquals(Shape.of(0, 3), Shape.broadcast(Shape.of(0, 1), Shape.of(1, 3)));
        assertEquals(Shape.of(0), Shape.broadcast(Shape.of(1), Shape.of(0)));
    }

    @Test
    void incompatibleShapesNameBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.broadcast(Shape.of(3), Shape.of(4)));
        assertTrue(e.getMessage().contains("(3,)") && e.getMessage().contains("(4,)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shape.broadcast(Shape.of(2, 1), Shape.of(8, 4, 3)));
        assertThrows(IllegalArgumentException.class, () -> Shape.broadcast(Shape.of(0), Shape.of(2)));
    }
}
