package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The worked examples of Keras's CategoryEncoding docstring. */
class CategoryEncodingTest {
    private static final Tensor PAIRS = Tensor.ofInts(new int[] {0, 1, 0, 0, 1, 2, 3, 1}, 4, 2);

    @Test void oneHot() {
        Tensor out = new CategoryEncoding(4).outputMode("one_hot").apply(Tensor.ofInts(new int[] {3, 2, 0, 1}, 4));
        assertEquals(Shape.of(4, 4), out.shape());
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0}, out.toFloatArray());
    }

    @Test void multiHot() {
        Tensor out = new CategoryEncoding(4).apply(PAIRS);
        assertArrayEquals(new float[] {1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1}, out.toFloatArray());
    }

    @Test void weightedCounts() {
        Tensor w = Tensor.of(new float[][] {{.1f, .2f}, {.1f, .1f}, {.2f, .3f}, {.4f, .2f}});
        Tensor out = new CategoryEncoding(4).outputMode("count").encode(PAIRS, w);
        assertArrayEquals(new float[] {.1f, .2f, 0, 0, .2f, 0, 0, 0, 0, .2f, .3f, 0, 0, .2f, 0, .4f}, out.toFloatArray(), 1e-6f);
    }

    @Test void countsWithoutWeights() {
        Tensor out = new CategoryEncoding(3).outputMode("count").apply(Tensor.ofInts(new int[] {2, 2, 0}, 1, 3));
        assertArrayEquals(new float[] {1, 0, 2}, out.toFloatArray());
    }

    @Test void outputShapes() {
        assertEquals(Shape.of(-1, 4), new CategoryEncoding(4).computeOutputShape(Shape.of(-1, 2)));
        assertEquals(Shape.of(-1, 4), new CategoryEncoding(4).outputMode("one_hot").computeOutputShape(Shape.of(-1, 1)));
        assertEquals(Shape.of(-1, 4), new CategoryEncoding(4).outputMode("one_hot").computeOutputShape(Shape.of(-1)));
    }

    @Test void validation() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CategoryEncoding(0)).getMessage().contains("num_tokens=0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CategoryEncoding(2).outputMode("tf_idf")).getMessage().contains("tf_idf"));
        assertThrows(IllegalArgumentException.class, () -> new CategoryEncoding(2).apply(Tensor.ofInts(new int[] {5}, 1)));
    }

    @Test void configRoundTrip() {
        CategoryEncoding e = (CategoryEncoding) Layers.fromConfig("CategoryEncoding", new CategoryEncoding(5).outputMode("count").getConfig());
        assertEquals(5, e.numTokens());
        assertEquals("count", e.outputMode());
    }
}
