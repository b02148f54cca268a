package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The worked examples of Keras's TextVectorization docstring, and its standardize/split/ngrams rules. */
class TextVectorizationTest {
    private static final Tensor CORPUS = Tensor.ofStrings(new String[] {"foo bar", "bar baz", "baz bada boom"}, 3);
    private static final Tensor INPUT = Tensor.ofStrings(new String[] {"foo qux bar", "qux baz"}, 2, 1);

    @Test void adaptedIntSequences() {
        TextVectorization t = new TextVectorization().maxTokens(5000).outputSequenceLength(4).adapt(CORPUS);
        assertEquals(List.of("", "[UNK]", "baz", "bar", "foo", "boom", "bada"), t.getVocabulary());
        Tensor out = t.apply(INPUT);
        assertEquals(DType.INT64, out.dtype());
        assertEquals(Shape.of(2, 4), out.shape());
        assertArrayEquals(new long[] {4, 1, 3, 0, 1, 2, 0, 0}, (long[]) out.data());
    }

    @Test void givenVocabularyGetsPaddingAndOovTokens() {
        TextVectorization t = new TextVectorization().maxTokens(5000).outputSequenceLength(4).vocabulary(List.of("earth", "wind", "and", "fire"));
        assertEquals(List.of("", "[UNK]", "earth", "wind", "and", "fire"), t.getVocabulary());
    }

    @Test void standardizesAndTruncates() {
        TextVectorization t = new TextVectorization().outputSequenceLength(2).vocabulary(List.of("hello", "world"));
        // "Hello, World!" → "hello world"; cut to 2 tokens; padded rows otherwise.
        assertArrayEquals(new long[] {2, 3, 3, 0}, (long[]) t.apply("Hello, World! again", "WORLD").data());
    }

    @Test void withoutSequenceLengthPadsToTheLongestRow() {
        TextVectorization t = new TextVectorization().vocabulary(List.of("a", "b"));
        Tensor out = t.apply("a b a", "b");
        assertEquals(Shape.of(2, 3), out.shape());
        assertArrayEquals(new long[] {2, 3, 2, 3, 0, 0}, (long[]) out.data());
    }

    @Test void bigrams() {
        TextVectorization t = new TextVectorization().ngrams(2).outputMode("count").vocabulary(List.of("a", "b", "a b", "b a"));
        // "a b a": 1-grams a, b, a; 2-grams "a b", "b a".
        assertArrayEquals(new float[] {0, 2, 1, 1, 1}, t.apply("a b a").toFloatArray());
    }

    @Test void multiHotAndTfIdf() {
        TextVectorization mh = new TextVectorization().outputMode("multi_hot").adapt(CORPUS);
        assertArrayEquals(new float[] {1, 0, 1, 1, 0, 0}, mh.apply("foo bar quux bar").toFloatArray());
        TextVectorization tfidf = new TextVectorization().outputMode("tf_idf").adapt(CORPUS);
        float[] v = tfidf.apply("bar bar").toFloatArray();
        // bar is in 2 of the 3 documents: idf = log(1 + 3 / 3); twice in the sample.
        assertEquals(2 * Math.log(2), v[2], 1e-6);
    }

    @Test void characterSplit() {
        TextVectorization t = new TextVectorization().split("character").vocabulary(List.of("a", "b"));
        assertArrayEquals(new long[] {2, 3, 1}, (long[]) t.apply("abc").data());
    }

    @Test void validation() {
        assertThrows(IllegalArgumentException.class, () -> new TextVectorization().outputMode("count").outputSequenceLength(3));
        assertThrows(IllegalArgumentException.class, () -> new TextVectorization().standardize("upper"));
        assertThrows(IllegalArgumentException.class, () -> new TextVectorization().vocabulary(List.of("a")).apply(Tensor.ofStrings(new String[] {"a", "b"}, 1, 2)));
    }

    @Test void configAndAssetsRoundTrip(@TempDir Path dir) throws Exception {
        TextVectorization t = new TextVectorization().maxTokens(100).outputSequenceLength(4).adapt(CORPUS);
        t.saveAssets(dir);
        TextVectorization back = (TextVectorization) Layers.fromConfig("TextVectorization", t.getConfig());
        back.loadAssets(dir);
        assertEquals(t.getVocabulary(), back.getVocabulary());
        assertArrayEquals((long[]) t.apply(INPUT).data(), (long[]) back.apply(INPUT).data());
    }

    @Test void settingTheModeAfterTheVocabularyRenumbers() {
        TextVectorization t = new TextVectorization().vocabulary(List.of("a", "b")).outputMode("count");
        // Without the padding index in count mode: [UNK], a, b.
        assertEquals(List.of("[UNK]", "a", "b"), t.getVocabulary());
        assertArrayEquals(new float[] {1, 2, 0}, t.apply("a a q").toFloatArray());
    }
}
