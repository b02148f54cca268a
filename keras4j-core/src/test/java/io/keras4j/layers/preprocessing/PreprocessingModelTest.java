package io.keras4j.layers.preprocessing;

import io.keras4j.callbacks.History;
import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.convolutional.Conv2D;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.Embedding;
import io.keras4j.layers.core.Input;
import io.keras4j.layers.reshaping.Flatten;
import io.keras4j.models.Model;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import io.keras4j.models.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Preprocessing layers inside models: augmentation while training only, string inputs end to end. */
class PreprocessingModelTest {
    @Test void rescalingAndRandomFlipBeforeAConvolutionTrainAndPredictDeterministically() {
        Random.setSeed(3);
        KerasTensor in = Input.of(6, 6, 1);
        KerasTensor x = new Rescaling(1 / 255.0).apply(in);
        x = new RandomFlip("horizontal").seed(11).apply(x);
        x = new Conv2D(2, 3).apply(x);
        x = new Flatten().apply(x);
        KerasTensor out = new Dense(1).apply(x);
        Model model = new Model(List.of(in), List.of(out));
        model.compile("adam", "mse");

        float[] px = new float[16 * 36];
        float[] py = new float[16];
        for (int i = 0; i < px.length; i++) px[i] = (i * 53) % 256;
        for (int i = 0; i < 16; i++) py[i] = i % 2;
        Tensor images = Tensor.of(px, 16, 6, 6, 1), labels = Tensor.of(py, 16, 1);
        History h = model.fit(images, labels, new FitOptions().epochs(3).batchSize(4).verbose(0));
        assertEquals(3, h.get("loss").size());
        assertTrue(h.get("loss").stream().allMatch(Double::isFinite));

        Tensor p1 = model.predict(images), p2 = model.predict(images);
        assertArrayEquals(p1.toFloatArray(), p2.toFloatArray());
        assertEquals(Shape.of(16, 1), p1.shape());
    }

    @Test void stringInputThroughStringLookupIntoAnEmbedding() {
        Random.setSeed(5);
        KerasTensor in = Input.of(Shape.of(2), DType.STRING, "words");
        StringLookup lookup = new StringLookup().vocabulary(List.of("cat", "dog", "fish"));
        KerasTensor x = lookup.apply(in);
        x = new Embedding(lookup.vocabularySize(), 3).apply(x);
        x = new Flatten().apply(x);
        KerasTensor out = new Dense(1).apply(x);
        Model model = new Model(List.of(in), List.of(out));
        model.compile("sgd", "mse");
        Tensor words = Tensor.ofStrings(new String[] {"cat", "dog", "fish", "bird", "dog", "cat", "cat", "cat"}, 4, 2);
        Tensor y = Tensor.of(new float[] {1, 0, 1, 0}, 4, 1);
        History h = model.fit(words, y, new FitOptions().epochs(2).batchSize(2).verbose(0));
        assertTrue(h.get("loss").stream().allMatch(Double::isFinite));
        assertEquals(Shape.of(4, 1), model.predict(words).shape());
    }

    @Test void textVectorizationFeedsAModel() {
        Random.setSeed(7);
        TextVectorization tv = new TextVectorization().outputMode("multi_hot")
                .adapt(Tensor.ofStrings(new String[] {"good movie", "bad movie", "good good fun"}, 3));
        KerasTensor in = Input.of(Shape.of(1), DType.STRING, null);
        KerasTensor out = new Dense(1, "sigmoid").apply(tv.apply(in));
        Model model = new Model(List.of(in), List.of(out));
        model.compile("adam", "binary_crossentropy");
        Tensor text = Tensor.ofStrings(new String[] {"good fun", "bad", "good movie", "bad movie"}, 4, 1);
        Tensor y = Tensor.of(new float[] {1, 0, 1, 0}, 4, 1);
        model.fit(text, y, new FitOptions().epochs(2).batchSize(2).verbose(0));
        assertEquals(Shape.of(4, 1), model.predict(text).shape());
    }

    @Test void adaptedStateSurvivesSavingTheModel(@TempDir Path dir) {
        Random.setSeed(9);
        Tensor words = Tensor.ofStrings(new String[] {"b", "a", "b", "c", "z", "a"}, 3, 2);
        Tensor numbers = Tensor.of(new float[][] {{1, 10}, {3, 30}, {5, 20}});
        StringLookup lookup = new StringLookup().adapt(words);
        Normalization norm = new Normalization().adapt(numbers);
        KerasTensor w = Input.of(Shape.of(2), DType.STRING, "w");
        KerasTensor n = Input.of(2);
        KerasTensor e = new Flatten().apply(new Embedding(lookup.vocabularySize(), 2).apply(lookup.apply(w)));
        KerasTensor out = new Dense(1).apply(new io.keras4j.layers.merging.Concatenate(-1).apply(e, norm.apply(n)));
        Model model = new Model(List.of(w, n), List.of(out));
        Path file = dir.resolve("m.keras");
        model.save(file);
        Model back = Models.loadModel(file);
        List<Tensor> x = List.of(words, numbers);
        assertArrayEquals(model.predictAll(x).get(0).toFloatArray(), back.predictAll(x).get(0).toFloatArray(), 1e-6f);
        StringLookup loaded = null;
        for (io.keras4j.layers.Layer l : back.layers()) if (l instanceof StringLookup s) loaded = s;
        assertNotNull(loaded);
        assertEquals(lookup.getVocabulary(), loaded.getVocabulary());
    }

    @Test void anAdaptedMultiHotLookupKeepsItsWidthWhenLoaded(@TempDir Path dir) {
        Random.setSeed(4);
        TextVectorization tv = new TextVectorization().outputMode("count")
                .adapt(Tensor.ofStrings(new String[] {"a b c", "b c d", "c d e"}, 3));
        KerasTensor in = Input.of(Shape.of(1), DType.STRING, null);
        Model model = new Model(List.of(in), List.of(new Dense(2).apply(tv.apply(in))));
        Path file = dir.resolve("tv.keras");
        model.save(file);
        Model back = Models.loadModel(file);
        Tensor text = Tensor.ofStrings(new String[] {"a c c", "e zz"}, 2, 1);
        assertArrayEquals(model.predict(text).toFloatArray(), back.predict(text).toFloatArray(), 1e-6f);
    }

    @Test void numericOpsRefuseStringTensors() {
        Tensor s = Tensor.ofStrings(new String[] {"a", "b"}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> io.keras4j.ops.Ops.add(s, s));
        assertTrue(e.getMessage().contains("string"), e.getMessage());
        assertThrows(IllegalArgumentException.class, s::toFloatArray);
        assertEquals("tensor(['a', 'b'], shape=(2,), dtype=string)", s.toString());
    }
}
