package io.keras4j.utils;

import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The examples of Keras's {@code pad_sequences} docstring, and its documented options. */
class SequenceUtilsTest {
    private static final List<int[]> SEQ = List.of(new int[] {1}, new int[] {2, 3}, new int[] {4, 5, 6});

    @Test void docstringExamples() {
        Tensor t = SequenceUtils.padSequences(SEQ);
        assertEquals(Shape.of(3, 3), t.shape());
        assertEquals(DType.INT32, t.dtype());
        assertArrayEquals(new int[] {0, 0, 1, 0, 2, 3, 4, 5, 6}, t.toIntArray());
        assertArrayEquals(new int[] {-1, -1, 1, -1, 2, 3, 4, 5, 6}, SequenceUtils.padSequences(SEQ, null, "int32", "pre", "pre", -1).toIntArray());
        assertArrayEquals(new int[] {1, 0, 0, 2, 3, 0, 4, 5, 6}, SequenceUtils.padSequences(SEQ, null, "int32", "post", "pre", 0).toIntArray());
        Tensor two = SequenceUtils.padSequences(SEQ, 2);
        assertEquals(Shape.of(3, 2), two.shape());
        assertArrayEquals(new int[] {0, 1, 2, 3, 5, 6}, two.toIntArray());
    }

    @Test void truncatingPostKeepsTheStart() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, SequenceUtils.padSequences(SEQ, 2, "int32", "pre", "post", 0).toIntArray());
    }

    @Test void emptySequencesAreAllPaddingAndDtypeIsHonoured() {
        Tensor t = SequenceUtils.padSequences(List.of(new int[0], new int[] {7}), 3, "float32", "pre", "pre", 0.5);
        assertEquals(DType.FLOAT32, t.dtype());
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 7f}, t.toFloatArray());
    }

    @Test void badPaddingOrTruncatingInKerasWords() {
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> SequenceUtils.padSequences(SEQ, 2, "int32", "middle", "pre", 0));
        assertEquals("Padding type \"middle\" not understood", p.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> SequenceUtils.padSequences(SEQ, 2, "int32", "pre", "middle", 0));
        assertEquals("Truncating type \"middle\" not understood", t.getMessage());
    }
}
