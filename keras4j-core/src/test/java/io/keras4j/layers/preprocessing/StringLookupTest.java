package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The worked examples of Keras's StringLookup docstring. */
class StringLookupTest {
    private static final List<String> VOCAB = List.of("a", "b", "c", "d");
    private static final Tensor DATA = Tensor.ofStrings(new String[] {"a", "c", "d", "d", "z", "b"}, 2, 3);

    private static long[] ids(Tensor t) {
        assertEquals(DType.INT64, t.dtype());
        return (long[]) t.data();
    }

    @Test void knownVocabulary() {
        Tensor out = new StringLookup().vocabulary(VOCAB).apply(DATA);
        assertEquals(Shape.of(2, 3), out.shape());
        assertArrayEquals(new long[] {1, 3, 4, 4, 0, 2}, ids(out));
    }

    @Test void adaptedVocabularyIsSortedByCountThenToken() {
        StringLookup l = new StringLookup().adapt(DATA);
        assertEquals(List.of("[UNK]", "d", "z", "c", "b", "a"), l.getVocabulary());
        assertArrayEquals(new long[] {5, 3, 1, 1, 2, 4}, ids(l.apply(DATA)));
    }

    @Test void multipleOovIndicesHashTheToken() {
        Tensor data = Tensor.ofStrings(new String[] {"a", "c", "d", "m", "z", "b"}, 2, 3);
        Tensor out = new StringLookup().vocabulary(VOCAB).numOovIndices(2).apply(data);
        assertArrayEquals(new long[] {2, 4, 5, 0, 1, 3}, ids(out));
    }

    @Test void oneHot() {
        Tensor out = new StringLookup().vocabulary(VOCAB).outputMode("one_hot").apply(Tensor.ofStrings(new String[] {"a", "b", "c", "d", "z"}, 5));
        assertEquals(Shape.of(5, 5), out.shape());
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0}, out.toFloatArray());
    }

    private static final Tensor DOCS = Tensor.ofStrings(new String[] {"a", "c", "d", "d", "d", "z", "b", "z"}, 2, 4);

    @Test void multiHotAndCount() {
        assertArrayEquals(new float[] {0, 1, 0, 1, 1, 1, 0, 1, 0, 1},
                new StringLookup().vocabulary(VOCAB).outputMode("multi_hot").apply(DOCS).toFloatArray());
        assertArrayEquals(new float[] {0, 1, 0, 1, 2, 2, 0, 1, 0, 1},
                new StringLookup().vocabulary(VOCAB).outputMode("count").apply(DOCS).toFloatArray());
    }

    @Test void tfIdfWithGivenWeights() {
        StringLookup l = new StringLookup().outputMode("tf_idf");
        l.setVocabulary(VOCAB, new double[] {0.25, 0.75, 0.6, 0.4});
        assertArrayEquals(new float[] {0, 0.25f, 0, 0.6f, 0.8f, 1.0f, 0, 0.75f, 0, 0.4f}, l.apply(DOCS).toFloatArray(), 1e-6f);
        StringLookup withOov = new StringLookup().outputMode("tf_idf");
        withOov.setVocabulary(List.of("[UNK]", "a", "b", "c", "d"), new double[] {0.9, 0.25, 0.75, 0.6, 0.4});
        assertArrayEquals(new float[] {0, 0.25f, 0, 0.6f, 0.8f, 1.8f, 0, 0.75f, 0, 0.4f}, withOov.apply(DOCS).toFloatArray(), 1e-6f);
    }

    @Test void tfIdfAdaptUsesKerasFormula() {
        // 2 documents; idf = log(1 + 2 / (1 + document_count)).
        StringLookup l = new StringLookup().outputMode("tf_idf").adapt(DOCS);
        assertEquals(List.of("[UNK]", "d", "z", "c", "b", "a"), l.getVocabulary());
        double[] w = l.idfWeights();
        assertEquals(Math.log(1 + 2.0 / 3), w[1], 1e-6); // d is in both
        assertEquals(Math.log(1 + 2.0 / 2), w[2], 1e-6); // z in one
    }

    @Test void inverse() {
        Tensor out = new StringLookup().vocabulary(VOCAB).invert(true).apply(Tensor.ofLongs(new long[] {1, 3, 4, 4, 0, 2}, 2, 3));
        assertEquals(DType.STRING, out.dtype());
        assertArrayEquals(new String[] {"a", "c", "d", "d", "[UNK]", "b"}, out.strings());
    }

    @Test void maskToken() {
        StringLookup l = new StringLookup().vocabulary(VOCAB).maskToken("");
        assertEquals(List.of("", "[UNK]", "a", "b", "c", "d"), l.getVocabulary());
        assertArrayEquals(new long[] {0, 2, 1}, ids(l.apply(Tensor.ofStrings(new String[] {"", "a", "q"}, 3))));
    }

    @Test void zeroOovIndicesRefusesUnknownTokens() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StringLookup().vocabulary(VOCAB).numOovIndices(0).apply(DATA));
        assertTrue(e.getMessage().contains("num_oov_indices=0"), e.getMessage());
    }

    @Test void validation() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StringLookup().maxTokens(1)).getMessage().contains("max_tokens=1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StringLookup().outputMode("bogus")).getMessage().contains("output_mode=bogus"));
        assertThrows(IllegalArgumentException.class, () -> new StringLookup().vocabulary(List.of("a", "a")).getVocabulary());
        assertThrows(IllegalArgumentException.class, () -> new StringLookup().outputMode("one_hot").invert(true));
    }

    @Test void maxTokensKeepsTheMostFrequent() {
        assertEquals(List.of("[UNK]", "d", "z"), new StringLookup().maxTokens(3).adapt(DATA).getVocabulary());
    }

    @Test void configRoundTripWithInlineVocabulary() {
        StringLookup l = new StringLookup().vocabulary(VOCAB).numOovIndices(2);
        Map<String, Object> c = l.getConfig();
        assertFalse(c.containsKey("vocabulary_dtype"));
        assertEquals(VOCAB, c.get("vocabulary"));
        StringLookup back = (StringLookup) Layers.fromConfig("StringLookup", c);
        assertArrayEquals(ids(l.apply(DATA)), ids(back.apply(DATA)));
    }

    @Test void adaptedVocabularyTravelsAsAnAsset(@TempDir Path dir) throws Exception {
        StringLookup l = new StringLookup().adapt(DATA);
        l.saveAssets(dir);
        assertEquals("[UNK]\nd\nz\nc\nb\na", Files.readString(dir.resolve("vocabulary.txt")));
        StringLookup back = (StringLookup) Layers.fromConfig("StringLookup", l.getConfig());
        back.loadAssets(dir);
        assertEquals(l.getVocabulary(), back.getVocabulary());
        assertArrayEquals(ids(l.apply(DATA)), ids(back.apply(DATA)));
    }

    @Test void vocabularyFromAFileIsSavedAsAnAsset(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vocab.txt");
        Files.writeString(file, "a\nb\nc\nd\n");
        StringLookup l = new StringLookup().vocabulary(file);
        assertArrayEquals(new long[] {1, 3, 4, 4, 0, 2}, ids(l.apply(DATA)));
        assertNull(l.getConfig().get("vocabulary"));
        Path assets = Files.createDirectory(dir.resolve("assets"));
        l.saveAssets(assets);
        assertEquals("[UNK]\na\nb\nc\nd", Files.readString(assets.resolve("vocabulary.txt")));
    }

    @Test void adaptedTfIdfSurvivesTheAssets(@TempDir Path dir) throws Exception {
        StringLookup l = new StringLookup().outputMode("tf_idf").adapt(DOCS);
        l.saveAssets(dir);
        StringLookup back = (StringLookup) Layers.fromConfig("StringLookup", l.getConfig());
        back.loadAssets(dir);
        assertArrayEquals(l.apply(DOCS).toFloatArray(), back.apply(DOCS).toFloatArray(), 1e-6f);
    }
}
