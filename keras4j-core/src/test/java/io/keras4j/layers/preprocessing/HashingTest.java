package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Buckets from the worked examples of Keras's Hashing docstring. */
class HashingTest {
    private static final Tensor ABCDE = Tensor.ofStrings(new String[] {"A", "B", "C", "D", "E"}, 5, 1);

    private static long[] buckets(Tensor t) {
        assertEquals(DType.INT64, t.dtype());
        return (long[]) t.data();
    }

    @Test void farmHashBuckets() {
        Tensor out = new Hashing(3).apply(ABCDE);
        assertEquals(ABCDE.shape(), out.shape());
        assertArrayEquals(new long[] {1, 0, 1, 1, 2}, buckets(out));
    }

    @Test void maskValueGoesToBucketZero() {
        Tensor in = Tensor.ofStrings(new String[] {"A", "B", "", "C", "D"}, 5, 1);
        assertArrayEquals(new long[] {1, 1, 0, 2, 2}, buckets(new Hashing(3).maskValue("").apply(in)));
    }

    @Test void sipHashWithASaltPair() {
        assertArrayEquals(new long[] {1, 2, 1, 0, 2}, buckets(new Hashing(3).salt(133, 137).apply(ABCDE)));
    }

    @Test void sipHashWithASingleSalt() {
        assertArrayEquals(new long[] {0, 0, 2, 1, 0}, buckets(new Hashing(3).salt(133).apply(ABCDE)));
    }

    @Test void integersHashAsTheirDecimalText() {
        Tensor ints = Tensor.ofLongs(new long[] {12, -7, 0}, 3);
        long[] expected = new long[3];
        String[] text = {"12", "-7", "0"};
        for (int i = 0; i < 3; i++) expected[i] = Long.remainderUnsigned(FarmHash.fingerprint64(text[i]), 5);
        assertArrayEquals(expected, buckets(new Hashing(5).apply(ints)));
        assertArrayEquals(buckets(new Hashing(5).apply(Tensor.ofStrings(text, 3))), buckets(new Hashing(5).apply(ints)));
    }

    @Test void multiHotOutput() {
        Tensor out = new Hashing(3).outputMode("multi_hot").apply(Tensor.ofStrings(new String[] {"A", "B", "E", "E"}, 2, 2));
        // A→1, B→0 ; E→2, E→2
        assertArrayEquals(new float[] {1, 1, 0, 0, 0, 1}, out.toFloatArray());
        assertEquals(List.of(2, 3), List.of(out.shape().dim(0), out.shape().dim(1)));
    }

    @Test void rejectsNonPositiveBins() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Hashing(0));
        assertTrue(e.getMessage().contains("num_bins=0"), e.getMessage());
    }

    @Test void configRoundTrip() {
        Hashing h = new Hashing(7).salt(3, 4).maskValue("x");
        Map<String, Object> c = h.getConfig();
        assertEquals(7, c.get("num_bins"));
        assertEquals(List.of(3L, 4L), c.get("salt"));
        Hashing back = (Hashing) Layers.fromConfig("Hashing", c);
        assertArrayEquals(buckets(h.apply(ABCDE)), buckets(back.apply(ABCDE)));
    }
}
