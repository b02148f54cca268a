package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The worked examples of Keras's IntegerLookup docstring. */
class IntegerLookupTest {
    private static final List<Long> VOCAB = List.of(12L, 36L, 1138L, 42L);
    private static final Tensor DATA = Tensor.ofLongs(new long[] {12, 1138, 42, 42, 1000, 36}, 2, 3);

    private static long[] ids(Tensor t) {
        assertEquals(DType.INT64, t.dtype());
        return (long[]) t.data();
    }

    @Test void knownVocabulary() {
        assertArrayEquals(new long[] {1, 3, 4, 4, 0, 2}, ids(new IntegerLookup().vocabulary(VOCAB).apply(DATA)));
    }

    @Test void adaptedVocabulary() {
        IntegerLookup l = new IntegerLookup().adapt(DATA);
        assertEquals(List.of(-1L, 42L, 1138L, 1000L, 36L, 12L), l.getVocabulary());
        assertArrayEquals(new long[] {5, 2, 1, 1, 3, 4}, ids(l.apply(DATA)));
    }

    @Test void multipleOovIndicesUseFloorMod() {
        Tensor data = Tensor.ofInts(new int[] {12, 1138, 42, 37, 1000, 36}, 2, 3);
        assertArrayEquals(new long[] {2, 4, 5, 1, 0, 3}, ids(new IntegerLookup().vocabulary(VOCAB).numOovIndices(2).apply(data)));
    }

    @Test void farmhashOovMethodSpreadsStructuredIds() {
        Tensor oov = Tensor.ofLongs(new long[] {100, 300, 700, 1100, 1700, 2000}, 6);
        List<Long> vocab = List.of(10L, 20L, 30L);
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0}, ids(new IntegerLookup().vocabulary(vocab).numOovIndices(4).oovMethod("floormod").apply(oov)));
        assertArrayEquals(new long[] {3, 3, 2, 2, 0, 1}, ids(new IntegerLookup().vocabulary(vocab).numOovIndices(4).oovMethod("farmhash").apply(oov)));
    }

    @Test void oneHot() {
        Tensor out = new IntegerLookup().vocabulary(VOCAB).outputMode("one_hot").apply(Tensor.ofLongs(new long[] {12, 36, 1138, 42, 7}, 5));
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0}, out.toFloatArray());
    }

    @Test void inverse() {
        Tensor out = new IntegerLookup().vocabulary(VOCAB).invert(true).apply(Tensor.ofLongs(new long[] {1, 3, 4, 4, 0, 2}, 2, 3));
        assertArrayEquals(new long[] {12, 1138, 42, 42, -1, 36}, ids(out));
    }

    @Test void validationMessages() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new IntegerLookup().numOovIndices(-1)).getMessage()
                .contains("must >= 0. Received: num_oov_indices=-1"));
        assertThrows(IllegalArgumentException.class, () -> new IntegerLookup().salt(1, 2).vocabulary(VOCAB).getVocabulary());
    }

    @Test void configRoundTrip() {
        IntegerLookup l = new IntegerLookup().vocabulary(VOCAB).maskToken(0L);
        IntegerLookup back = (IntegerLookup) Layers.fromConfig("IntegerLookup", l.getConfig());
        assertEquals(l.getVocabulary(), back.getVocabulary());
        assertEquals("int64", l.getConfig().get("vocabulary_dtype"));
    }
}
